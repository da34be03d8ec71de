import { NextFunction, Request, Response } from 'express'
import { groupSecret, readSecondFactorInput } from '../../domain/secondFactor'
import type { Enrolment } from '../../services/secondFactorService'
import type SecondFactorService from '../../services/secondFactorService'
import type SignInService from '../../services/signInService'
import type UserService from '../../services/userService'
import { auditContext } from '../auditContextOf'
import { addError, FormErrors, noErrors } from '../../utils/formErrors'
import paths from '../../paths'

/**
 * Setting up a second factor: at the first sign-in when one is required (half signed in), or by
 * choice from the account menu. The QR code is drawn here as SVG; the secret is also shown to type.
 * Once a code from the app is typed, the ten recovery codes are shown, this once.
 */
export default class SetUpSecondFactorController {
  constructor(
    private readonly userService: UserService,
    private readonly secondFactorService: SecondFactorService,
    private readonly signInService: SignInService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const user = await this.person(req)
    if (!user) return res.redirect(paths.signIn)
    if (this.secondFactorService.isEnrolled(user)) {
      return res.render('pages/second-factor/status', {
        enrolledAt: user.mfaEnrolledAt,
        remaining: await this.secondFactorService.remainingRecoveryCodes(user.id),
      })
    }
    // Reloading the page keeps the key already shown (it may be in the app already).
    const started = req.session.secondFactorEnrolment
    const enrolment =
      (started && (await this.secondFactorService.resumeEnrolment(user, started.encryptedSecret))) ||
      (await this.secondFactorService.startEnrolment(user))
    req.session.secondFactorEnrolment = { encryptedSecret: enrolment.encryptedSecret }
    return this.render(req, res, enrolment, noErrors())
  }

  submit = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const user = await this.person(req)
    if (!user) return res.redirect(paths.signIn)
    if (this.secondFactorService.isEnrolled(user)) return res.redirect(paths.secondFactor.setUp)
    const started = req.session.secondFactorEnrolment
    const enrolment = started ? await this.secondFactorService.resumeEnrolment(user, started.encryptedSecret) : null
    if (!enrolment) return res.redirect(paths.secondFactor.setUp)
    const input = readSecondFactorInput(req.body?.code)
    const errors = noErrors()
    const codes =
      input?.kind === 'totp'
        ? await this.secondFactorService.completeEnrolment(
            user.id,
            enrolment.encryptedSecret,
            input.code,
            auditContext(req),
          )
        : null
    if (!codes) {
      addError(
        errors,
        'code',
        typeof req.body?.code === 'string' && req.body.code.trim()
          ? 'Enter the 6-digit code your authenticator app shows now'
          : 'Enter the 6-digit code from your authenticator app',
      )
      return this.render(req, res.status(400), enrolment, errors)
    }
    delete req.session.secondFactorEnrolment
    const pending = req.session.pendingSignIn
    const show = (continueTo: string) => res.render('pages/second-factor/recovery-codes', { codes, continueTo })
    if (!pending) return show(paths.home)
    await this.signInService.completeSignIn(user, auditContext(req))
    const signedIn = { id: user.id, name: user.name, email: user.email, roles: user.roles }
    return req.login(signedIn, error => (error ? next(error) : show(pending.returnTo ?? paths.home)))
  }

  /** The person setting up: signed in, or half signed in with a second factor to set up. */
  private async person(req: Request) {
    const id =
      req.user?.id ?? (req.session.pendingSignIn?.secondStep === 'enrol' ? req.session.pendingSignIn.userId : undefined)
    if (!id) return null
    const user = await this.userService.findById(id)
    return user && user.active ? user : null
  }

  private render(req: Request, res: Response, enrolment: Enrolment, errors: FormErrors) {
    res.render('pages/second-factor/set-up', {
      qrSvg: enrolment.qrSvg,
      secret: groupSecret(enrolment.secret),
      firstSignIn: !req.user,
      ...errors,
    })
  }
}
