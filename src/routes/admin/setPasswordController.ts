import { Request, Response } from 'express'
import createError from 'http-errors'
import type { User } from '../../db/models'
import type UserService from '../../services/userService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import { validateNewPassword } from './accountForm'
import paths from '../../paths'

/** An administrator sets a new password for someone who forgot theirs; it also lifts a lockout. */
export default class SetPasswordController {
  constructor(private readonly userService: UserService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const account = await this.load(req)
    this.render(res, account, account.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const account = await this.load(req)
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const errors = noErrors()
    validateNewPassword(req.body, { name: account.name, email: account.email, roles: account.roles }, errors)
    if (hasErrors(errors)) return this.render(res.status(400), account, version, errors)
    try {
      await this.userService.setPassword(account.id, String(req.body.password), version, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'stale_version')) throw error
      const fresh = await this.load(req)
      addError(
        errors,
        'password',
        'Someone else changed this account meanwhile. Check it is still the right person, then try again',
      )
      return this.render(res.status(409), fresh, fresh.version, errors)
    }
    req.session.flash = [
      { type: 'success', text: `New password set for ${account.name}. Tell them in a way that is not e-mail` },
    ]
    return res.redirect(paths.admin.user(account.id))
  }

  private async load(req: Request): Promise<User> {
    const account = await this.userService.findById(String(req.params.userId))
    if (!account) throw createError(404, 'Account not found')
    return account
  }

  private render(res: Response, account: User, version: number, errors: FormErrors) {
    res.render('pages/admin/set-password', { account, version, ...errors })
  }
}
