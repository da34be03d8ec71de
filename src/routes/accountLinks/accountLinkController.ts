import { Request, Response } from 'express'
import type { AccountLinkPurpose } from '../../db/models/AccountLink'
import type AccountLinkService from '../../services/accountLinkService'
import type { LinkProblem } from '../../services/accountLinkService'
import ServiceError from '../../services/serviceError'
import { auditContext } from '../auditContextOf'
import { FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { validateNewPassword } from '../../forms/accountForm'
import paths from '../../paths'

const PROBLEMS: Record<LinkProblem, string> = {
  malformed: 'The link is not complete: it may have been copied incorrectly. Copy the whole link from the email.',
  unknown: 'The link is not recognised: it may have been copied incorrectly, or replaced by a newer one.',
  used: 'The link has already been used. Sign in with the password you chose.',
  expired: 'The link has expired.',
  revoked: 'The link has been withdrawn or replaced by a newer one.',
}

/** An invited person chooses their password, or someone chooses a new one, through their link. */
export default class AccountLinkController {
  constructor(
    private readonly accountLinkService: AccountLinkService,
    private readonly purpose: AccountLinkPurpose,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const usable = await this.accountLinkService.check(String(req.params.token), this.purpose)
    if (!usable.ok) return this.linkDead(res, usable.problem)
    return this.render(res, String(req.params.token), usable.user, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const token = String(req.params.token)
    const usable = await this.accountLinkService.check(token, this.purpose)
    if (!usable.ok) return this.linkDead(res, usable.problem)
    const errors = noErrors()
    const user = usable.user
    validateNewPassword(req.body, { name: user.name, email: user.email, roles: user.roles }, errors)
    if (hasErrors(errors)) return this.render(res.status(400), token, user, errors)
    try {
      await this.accountLinkService.complete(token, this.purpose, String(req.body.password), auditContext(req))
    } catch (error) {
      if (ServiceError.is(error, 'refused')) return this.linkDead(res, error.details.problem as LinkProblem)
      throw error
    }
    req.session.flash = [
      {
        type: 'success',
        title: this.purpose === 'invitation' ? 'Password chosen' : 'Password changed',
        text: 'Sign in with your email address and the password you chose.',
      },
    ]
    return res.redirect(paths.signIn)
  }

  private render(res: Response, token: string, user: { name: string; email: string }, errors: FormErrors) {
    res.render('pages/account-links/choose-password', {
      invitation: this.purpose === 'invitation',
      action: this.purpose === 'invitation' ? paths.invitation(token) : paths.passwordReset(token),
      account: { name: user.name, email: user.email },
      ...errors,
    })
  }

  private linkDead(res: Response, problem: LinkProblem) {
    res.status(problem === 'expired' || problem === 'used' || problem === 'revoked' ? 410 : 404)
    res.render('pages/account-links/link-dead', {
      invitation: this.purpose === 'invitation',
      reason: PROBLEMS[problem] ?? PROBLEMS.unknown,
    })
  }
}
