import { Request, Response } from 'express'
import createError from 'http-errors'
import type AccountLinkService from '../../services/accountLinkService'
import type SecondFactorService from '../../services/secondFactorService'
import ServiceError from '../../services/serviceError'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'

/**
 * What an administrator can do for a person who cannot sign in, without ever knowing their
 * password: send a reset link, send the invitation again or withdraw it, reset the second factor.
 */
export default class AccountAccessController {
  constructor(
    private readonly accountLinkService: AccountLinkService,
    private readonly secondFactorService: SecondFactorService,
  ) {}

  sendPasswordReset = (req: Request, res: Response) =>
    this.act(req, res, async () => {
      const user = await this.accountLinkService.sendPasswordReset(String(req.params.userId), auditContext(req))
      return `A link to choose a new password has been sent to ${user.name}`
    })

  resendInvitation = (req: Request, res: Response) =>
    this.act(req, res, async () => {
      const user = await this.accountLinkService.resendInvitation(String(req.params.userId), auditContext(req))
      return `A new invitation has been sent to ${user.name}. The earlier link no longer works`
    })

  revokeInvitation = (req: Request, res: Response) =>
    this.act(req, res, async () => {
      const user = await this.accountLinkService.revokeInvitation(String(req.params.userId), auditContext(req))
      return `${user.name}'s invitation has been withdrawn`
    })

  resetSecondFactor = (req: Request, res: Response) =>
    this.act(req, res, async () => {
      const version = Number(req.body.version)
      if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
      const user = await this.secondFactorService.reset(String(req.params.userId), version, auditContext(req))
      return `${user.name}'s second factor has been reset. They set up a new one when they next sign in`
    })

  private async act(req: Request, res: Response, action: () => Promise<string>): Promise<void> {
    const id = String(req.params.userId)
    try {
      req.session.flash = [{ type: 'success', text: await action() }]
    } catch (error) {
      if (ServiceError.is(error, 'not_found')) throw createError(404, 'Account not found')
      if (!ServiceError.is(error)) throw error
      req.session.flash = [{ type: 'information', title: 'Nothing was changed', text: error.message }]
    }
    res.redirect(paths.admin.user(id))
  }
}
