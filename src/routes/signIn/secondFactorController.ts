import { NextFunction, Request, Response } from 'express'
import { readSecondFactorInput } from '../../domain/secondFactor'
import type SignInService from '../../services/signInService'
import { auditContext } from '../auditContextOf'
import { addError, FormErrors, noErrors } from '../../utils/formErrors'
import paths from '../../paths'
import { refusalMessage, refusalStatus } from './signInMessages'

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export default class SecondFactorController {
  constructor(private readonly signInService: SignInService) {}

  view = (req: Request, res: Response): void => {
    const pending = req.session.pendingSignIn
    if (!pending || pending.secondStep !== 'verify') return res.redirect(paths.signIn)
    return this.render(res, noErrors())
  }

  submit = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const pending = req.session.pendingSignIn
    if (!pending || pending.secondStep !== 'verify') return res.redirect(paths.signIn)
    const raw = typeof req.body?.code === 'string' ? req.body.code : ''
    const errors = noErrors()
    if (!raw.trim()) {
      addError(errors, 'code', 'Enter the 6-digit code from your authenticator app, or a recovery code')
      return this.render(res.status(400), errors)
    }
    const result = await this.signInService.checkSecondFactor(
      pending.userId,
      readSecondFactorInput(raw),
      auditContext(req),
    )
    if (!result.ok) {
      addError(
        errors,
        'code',
        refusalMessage(
          result.reason,
          result.retryAfterSeconds,
          'Enter a correct code: it changes every 30 seconds, and each code or recovery code works once',
        ),
      )
      return this.render(refusalStatus(res, result.reason, result.retryAfterSeconds), errors)
    }
    const returnTo = pending.returnTo ?? paths.home
    const user = { id: result.user.id, name: result.user.name, email: result.user.email, roles: result.user.roles }
    // A new session id again now that the person is fully signed in.
    return req.login(user, error => (error ? next(error) : res.redirect(returnTo)))
  }

  private render(res: Response, errors: FormErrors) {
    res.render('pages/second-factor/verify', { ...errors })
  }
}
