import type { IncomingMessage } from 'node:http'
import { Request, Response, Router } from 'express'
import passport from 'passport'
import { Strategy as LocalStrategy } from 'passport-local'
import type UserService from '../services/userService'
import type SignInService from '../services/signInService'
import { auditContext } from '../routes/auditContextOf'
import paths from '../paths'
import { readCookie } from './cookies'
import { accountReadWithSession } from './sessionStore'
import { hasStoredSession } from './setUpCsrf'

/** Pages anyone may open without signing in. */
const PUBLIC_PATHS: string[] = [paths.signIn, paths.accessibility, paths.cookies, paths.privacy, paths.dataDictionary]
const isPublic = (path: string) =>
  PUBLIC_PATHS.includes(path) ||
  path.startsWith(`${paths.setup}/`) ||
  path.startsWith('/agency/') ||
  path.startsWith('/invitation/') ||
  path.startsWith('/reset-password/')

/** The only pages a person half signed in (password right, second factor still to come) may open. */
const SECOND_STEP_PATHS: string[] = [paths.secondFactor.verify, paths.secondFactor.setUp, paths.signOut]

/** Minutes a person has between the password and the second factor before starting again. */
export const PENDING_SIGN_IN_MINUTES = 10

export const returnToCookie = (cookieName: string) => `${cookieName}-return`

export function createAuthenticator(userService: UserService, signInService: SignInService): passport.PassportStatic {
  const authenticator = new passport.Passport() as passport.PassportStatic
  authenticator.use(
    new LocalStrategy({ usernameField: 'email', passReqToCallback: true }, async (req, email, password, done) => {
      try {
        const result = await signInService.signIn(email, password, auditContext(req))
        return result.ok
          ? done(null, result.user, { message: result.secondStep })
          : done(null, false, { message: result.reason, retryAfterSeconds: result.retryAfterSeconds } as never)
      } catch (error) {
        return done(error)
      }
    }),
  )
  // Only the id goes into the session; the account is read again on each request (with the session
  // itself when the store can: PgSessionStore) so that deactivation or a change of roles takes effect at once.
  authenticator.serializeUser((user, done) => done(null, (user as Express.User).id))
  authenticator.deserializeUser(
    async (req: IncomingMessage, id: string, done: (err: unknown, user?: Express.User | false) => void) => {
      try {
        const read = accountReadWithSession(req)
        // null: the session was read and names no account (none by that id).
        const user = read === null || read?.id === id ? read : await userService.findById(id)
        if (!user || !user.active) return done(null, false)
        return done(null, { id: user.id, name: user.name, email: user.email, roles: user.roles })
      } catch (error) {
        return done(error)
      }
    },
  )
  return authenticator
}

/** Where to go after signing in: kept in the session if there is one, else in a short cookie, so a visitor stores nothing. */
function rememberReturnTo(req: Request, res: Response, cookieName: string, secure: boolean): void {
  if (hasStoredSession(req)) {
    req.session.returnTo = req.originalUrl
    return
  }
  res.cookie(returnToCookie(cookieName), req.originalUrl.slice(0, 1000), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: 30 * 60_000,
    path: '/',
  })
}

export function returnToOf(req: Request, cookieName: string): string | undefined {
  return req.session?.returnTo ?? readCookie(req, returnToCookie(cookieName))
}

export default function setUpAuthentication(
  authenticator: passport.PassportStatic,
  cookieName: string,
  secure = false,
): Router {
  const router = Router()
  router.use(authenticator.initialize())
  router.use(authenticator.session())
  router.use((req, res, next) => {
    const pending = req.session?.pendingSignIn
    if (pending && Date.now() - pending.startedAt > PENDING_SIGN_IN_MINUTES * 60_000) delete req.session.pendingSignIn
    if (req.isAuthenticated() || isPublic(req.path)) return next()
    if (req.session?.pendingSignIn) {
      if (SECOND_STEP_PATHS.includes(req.path)) return next()
      const step = req.session.pendingSignIn.secondStep
      return res.redirect(step === 'enrol' ? paths.secondFactor.setUp : paths.secondFactor.verify)
    }
    if (req.method === 'GET' && req.session) rememberReturnTo(req, res, cookieName, secure)
    // A session cookie whose session is gone (a fresh, empty one stands in) means it ran out while the
    // person was away. After signing out the cookie is cleared, so Back is not a timeout.
    const timedOut = (req.headers.cookie ?? '').includes(`${cookieName}=`) && !hasStoredSession(req)
    return res.redirect(timedOut ? `${paths.signIn}?timedOut=1` : paths.signIn)
  })
  return router
}
