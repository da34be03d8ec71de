import { Request, Response } from 'express'
import type UserService from '../../services/userService'
import ServiceError from '../../services/serviceError'
import { auditContext } from '../auditContextOf'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { AccountValues, readAccountForm, validateNewPassword } from './accountForm'
import paths from '../../paths'

export default class NewUserController {
  constructor(private readonly userService: UserService) {}

  view = (_req: Request, res: Response): void => this.render(res, { name: '', email: '', roles: [] }, noErrors())

  submit = async (req: Request, res: Response): Promise<void> => {
    const { values, errors } = readAccountForm(req.body, { withRoles: true })
    validateNewPassword(req.body, values, errors)
    if (hasErrors(errors)) return this.render(res.status(400), values, errors)
    try {
      await this.userService.create({ ...values, password: String(req.body.password) }, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'duplicate')) throw error
      addError(errors, 'email', error.message)
      return this.render(res.status(409), values, errors)
    }
    req.session.flash = [{ type: 'success', text: `Account created for ${values.name}` }]
    return res.redirect(paths.admin.users)
  }

  private render(res: Response, values: AccountValues, errors: FormErrors) {
    res.render('pages/admin/new-user', { values, ...errors })
  }
}
