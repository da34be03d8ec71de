import { Request, Response } from 'express'
import type SetupService from '../../services/setupService'
import ServiceError from '../../services/serviceError'
import { auditContext } from '../auditContextOf'
import { FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { readAccountForm, validateNewPassword } from '../../forms/accountForm'
import paths from '../../paths'

/** The one-time page that creates the first administrator. */
export default class SetupController {
  constructor(private readonly setupService: SetupService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    if (!(await this.setupService.isUsable(String(req.params.token)))) return this.linkDead(res)
    return this.render(res, { name: '', email: '' }, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const token = String(req.params.token)
    if (!(await this.setupService.isUsable(token))) return this.linkDead(res)
    const { values, errors } = readAccountForm(req.body, { withRoles: false })
    validateNewPassword(req.body, values, errors)
    if (hasErrors(errors)) return this.render(res.status(400), values, errors)
    try {
      await this.setupService.createFirstAdministrator(
        token,
        { ...values, password: String(req.body.password) },
        auditContext(req),
      )
    } catch (error) {
      if (ServiceError.is(error, 'refused')) return this.linkDead(res)
      throw error
    }
    req.session.flash = [
      { type: 'success', title: 'Account created', text: 'Sign in with the email address and password you chose.' },
    ]
    return res.redirect(paths.signIn)
  }

  private render(res: Response, values: { name: string; email: string }, errors: FormErrors) {
    res.render('pages/setup/first-admin', { values, ...errors })
  }

  private linkDead(res: Response) {
    res.status(404).render('pages/setup/link-dead')
  }
}
