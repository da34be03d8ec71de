import { Request, Response } from 'express'
import type AccountLinkService from '../../services/accountLinkService'
import ServiceError from '../../services/serviceError'
import { auditContext } from '../auditContextOf'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { AccountValues, readAccountForm } from '../../forms/accountForm'
import paths from '../../paths'

/** An administrator invites a person: name, email and roles; the person chooses their own password. */
export default class NewUserController {
  constructor(private readonly accountLinkService: AccountLinkService) {}

  view = (_req: Request, res: Response): void => this.render(res, { name: '', email: '', roles: [] }, noErrors())

  submit = async (req: Request, res: Response): Promise<void> => {
    const { values, errors } = readAccountForm(req.body, { withRoles: true })
    if (hasErrors(errors)) return this.render(res.status(400), values, errors)
    try {
      await this.accountLinkService.invite(values, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'duplicate')) throw error
      addError(errors, 'email', error.message)
      return this.render(res.status(409), values, errors)
    }
    req.session.flash = [
      { type: 'success', text: `Invitation sent to ${values.name}. They choose their own password through the link` },
    ]
    return res.redirect(paths.admin.users)
  }

  private render(res: Response, values: AccountValues, errors: FormErrors) {
    res.render('pages/admin/new-user', { values, ...errors })
  }
}
