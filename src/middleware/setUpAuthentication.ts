import { Router } from 'express'
import passport from 'passport'
import { Strategy as LocalStrategy } from 'passport-local'
import type UserService from '../services/userService'
import type SignInService from '../services/signInService'
import { auditContext } from '../routes/auditContextOf'
import paths from '../paths'

/** Pages anyone may open without signing in. */
const PUBLIC_PATHS: string[] = [paths.signIn, paths.accessibility, paths.cookies, paths.privacy]
const isPublic = (path: string) =>
  PUBLIC_PATHS.includes(path) || path.startsWith(`${paths.setup}/`) || path.startsWith('/agency/')

export function createAuthenticator(userService: UserService, signInService: SignInService): passport.PassportStatic {
  const authenticator = new passport.Passport() as passport.PassportStatic
  authenticator.use(
    new LocalStrategy({ usernameField: 'email', passReqToCallback: true }, async (req, email, password, done) => {
      try {
        const result = await signInService.signIn(email, password, auditContext(req))
        return result.ok ? done(null, result.user) : done(null, false, { message: result.reason })
      } catch (error) {
        return done(error)
      }
    }),
  )
  // Only the id goes into the session; the account is reloaded on each request so that
  // deactivation or a change of roles takes effect at once.
  authenticator.serializeUser((user, done) => done(null, (user as Express.User).id))
  authenticator.deserializeUser(async (id: string, done) => {
    try {
      const user = await userService.findById(id)
      if (!user || !user.active) return done(null, false)
      return done(null, { id: user.id, name: user.name, email: user.email, roles: user.roles })
    } catch (error) {
      return done(error)
    }
  })
  return authenticator
}

export default function setUpAuthentication(authenticator: passport.PassportStatic, cookieName: string): Router {
  const router = Router()
  router.use(authenticator.initialize())
  router.use(authenticator.session())
  router.use((req, res, next) => {
    if (req.isAuthenticated() || isPublic(req.path)) return next()
    if (req.method === 'GET' && req.session) req.session.returnTo = req.originalUrl
    // A session cookie whose session is gone (a fresh, empty one stands in) means it ran out while the
    // person was away. After signing out, the sign-in page's own session has a CSRF token, so Back is not a timeout.
    const timedOut = (req.headers.cookie ?? '').includes(`${cookieName}=`) && !req.session?.csrfToken
    return res.redirect(timedOut ? `${paths.signIn}?timedOut=1` : paths.signIn)
  })
  return router
}
