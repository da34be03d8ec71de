import { NextFunction, Request, Response } from 'express'
import type passport from 'passport'
import { addError, FormErrors, hasErrors, noErrors, text, untrimmed } from '../../utils/formErrors'
import paths from '../../paths'

const MESSAGES = {
  invalid: 'Enter a correct email address and password',
  locked: 'There have been too many attempts to sign in to this account. Wait 15 minutes and try again',
  throttled: 'There have been too many attempts to sign in from your network. Wait 15 minutes and try again',
} as const

/** Only a path on this site may be a place to return to after signing in. */
const safeReturnTo = (value: string | undefined): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : paths.home

export default class SignInController {
  constructor(private readonly authenticator: passport.PassportStatic) {}

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
      (error: unknown, user: Express.User | false, info?: { message?: keyof typeof MESSAGES }) => {
        if (error) return next(error)
        if (!user) {
          const reason = info?.message && info.message in MESSAGES ? info.message : 'invalid'
          const failed = noErrors()
          addError(failed, 'email', MESSAGES[reason])
          return this.render(res.status(reason === 'invalid' ? 401 : 429), { email }, failed)
        }
        const returnTo = safeReturnTo(req.session.returnTo)
        // Passport regenerates the session at login, so a session id fixed before sign-in is useless.
        return req.login(user, loginError => (loginError ? next(loginError) : res.redirect(returnTo)))
      },
    )(req, res, next)
  }

  private render(res: Response, values: { email: string }, errors: FormErrors, notices: Record<string, boolean> = {}) {
    res.render('pages/sign-in', { values, ...errors, ...notices })
  }
}
