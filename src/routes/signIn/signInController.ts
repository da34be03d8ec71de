import { NextFunction, Request, Response } from 'express'
import type passport from 'passport'
import type { RefusalReason, SecondStep } from '../../services/signInService'
import { returnToCookie, returnToOf } from '../../middleware/setUpAuthentication'
import { addError, FormErrors, hasErrors, noErrors, text, untrimmed } from '../../utils/formErrors'
import paths from '../../paths'
import { refusalMessage, refusalStatus } from './signInMessages'

const REASONS: RefusalReason[] = ['invalid', 'locked', 'throttled', 'slowed']

/** Only a path on this site may be a place to return to after signing in. */
export const safeReturnTo = (value: string | undefined): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : paths.home

export default class SignInController {
  constructor(
    private readonly authenticator: passport.PassportStatic,
    private readonly cookieName: string,
  ) {}

  view = (req: Request, res: Response): void => {
    if (req.isAuthenticated()) return res.redirect(paths.home)
    return this.render(res, { email: '' }, noErrors(), {
      timedOut: req.query.timedOut === '1',
      signedOut: req.query.signedOut === '1',
    })
  }

  submit = (req: Request, res: Response, next: NextFunction): void => {
    const email = text(req.body, 'email', 320)
    const password = untrimmed(req.body, 'password', 1024)
    const errors = noErrors()
    if (!email) addError(errors, 'email', 'Enter your email address')
    if (!password) addError(errors, 'password', 'Enter your password')
    if (hasErrors(errors)) return this.render(res.status(400), { email }, errors)
    // The strategy reads the body itself: give it the cleaned single values, never a tampered array.
    req.body = { email, password }

    this.authenticator.authenticate(
      'local',
      (error: unknown, user: Express.User | false, info?: { message?: string; retryAfterSeconds?: number }) => {
        if (error) return next(error)
        if (!user) {
          const reason = REASONS.find(r => r === info?.message) ?? 'invalid'
          const failed = noErrors()
          addError(
            failed,
            'email',
            refusalMessage(reason, info?.retryAfterSeconds, 'Enter a correct email address and password'),
          )
          return this.render(refusalStatus(res, reason, info?.retryAfterSeconds), { email }, failed)
        }
        const returnTo = safeReturnTo(returnToOf(req, this.cookieName))
        res.clearCookie(returnToCookie(this.cookieName))
        const secondStep = (info?.message ?? 'none') as SecondStep
        if (secondStep === 'verify' || secondStep === 'enrol') {
          // Half signed in: a new session that opens nothing but the second step.
          return req.session.regenerate(regenerateError => {
            if (regenerateError) return next(regenerateError)
            req.session.pendingSignIn = { userId: user.id, secondStep, startedAt: Date.now(), returnTo }
            return res.redirect(secondStep === 'enrol' ? paths.secondFactor.setUp : paths.secondFactor.verify)
          })
        }
        // Passport regenerates the session at login, so a session id fixed before sign-in is useless.
        return req.login(user, loginError => (loginError ? next(loginError) : res.redirect(returnTo)))
      },
    )(req, res, next)
  }

  private render(res: Response, values: { email: string }, errors: FormErrors, notices: Record<string, boolean> = {}) {
    res.render('pages/sign-in', { values, ...errors, ...notices })
  }
}
