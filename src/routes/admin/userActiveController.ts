import { Request, Response } from 'express'
import createError from 'http-errors'
import type UserService from '../../services/userService'
import ServiceError from '../../services/serviceError'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'

/** Deactivates or reactivates an account. Deactivation takes effect on the person's next request. */
export default class UserActiveController {
  constructor(private readonly userService: UserService) {}

  submit = async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.userId)
    const active = req.body.active === 'true'
    const version = Number(req.body.version)
    if (!['true', 'false'].includes(req.body.active) || !Number.isInteger(version))
      throw createError(400, 'The form is incomplete')
    try {
      const account = await this.userService.setActive(id, active, version, auditContext(req))
      req.session.flash = [
        { type: 'success', text: `${account.name}'s account is now ${active ? 'active' : 'deactivated'}` },
      ]
    } catch (error) {
      if (ServiceError.is(error, 'not_found')) throw createError(404, 'Account not found')
      if (!ServiceError.is(error)) throw error
      req.session.flash = [{ type: 'information', title: 'Nothing was changed', text: error.message }]
    }
    res.redirect(paths.admin.user(id))
  }
}
