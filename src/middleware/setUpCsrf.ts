import crypto from 'node:crypto'
import { NextFunction, Request, Response, Router } from 'express'
import { csrfSync } from 'csrf-sync'
import { readCookie } from './cookies'

export interface CsrfOptions {
  secret: string
  secure: boolean
  /** The name of the cookie that ties an anonymous visitor's forms to their browser. */
  cookieName: string
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/

/** True when the request came with a session already kept in the store (not a fresh, empty one). */
export function hasStoredSession(req: Request): boolean {
  if (!req.session) return false
  return Object.keys(req.session).some(key => key !== 'cookie')
}

/**
 * Synchroniser tokens (csrf-sync) for every request with a stored session: forms carry the token
 * in a hidden `_csrf` field; scripts may send it in the X-CSRF-Token header; file uploads
 * (multipart) in the `_csrf` query parameter of the form's action.
 *
 * A visitor with no session (the sign-in, setup and invitation pages, the agency link) gets a
 * signed double-submit token instead, so that opening a page stores nothing: a random value in an
 * httpOnly cookie, and in the form an HMAC of it under the session secret. A post from someone not
 * signed in is accepted with either; a signed-in person's post only with the synchroniser token.
 */
export default function setUpCsrf(options: CsrfOptions): Router {
  const router = Router()
  const { isRequestValid, generateToken, invalidCsrfTokenError } = csrfSync({
    getTokenFromRequest: tokenFromRequest,
  })
  const sign = (value: string) =>
    crypto.createHmac('sha256', options.secret).update(`csrf\n${value}`).digest('base64url')

  const anonymousTokenValid = (req: Request): boolean => {
    const value = readCookie(req, options.cookieName)
    const token = tokenFromRequest(req)
    if (!value || !COOKIE_VALUE.test(value) || typeof token !== 'string') return false
    const expected = Buffer.from(sign(value))
    const given = Buffer.from(token)
    return given.length === expected.length && crypto.timingSafeEqual(given, expected)
  }

  router.use((req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next()
    if (isRequestValid(req)) return next()
    if (!req.isAuthenticated?.() && anonymousTokenValid(req)) return next()
    return next(invalidCsrfTokenError)
  })

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (hasStoredSession(req)) {
      res.locals.csrfToken = generateToken(req)
      return next()
    }
    let value = readCookie(req, options.cookieName)
    if (!value || !COOKIE_VALUE.test(value)) {
      value = crypto.randomBytes(32).toString('base64url')
      res.cookie(options.cookieName, value, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' })
    }
    res.locals.csrfToken = sign(value)
    return next()
  })
  return router
}

function tokenFromRequest(req: Request): string | undefined {
  // A file upload streams its body to the handler, so its form carries the token in the action's query.
  if (req.is('multipart/form-data')) return typeof req.query._csrf === 'string' ? req.query._csrf : undefined
  const fromBody = (req.body as { _csrf?: unknown } | undefined)?._csrf
  if (typeof fromBody === 'string') return fromBody
  return req.get('X-CSRF-Token')
}
