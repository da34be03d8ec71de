import { NextFunction, Request, Response } from 'express'
import type AuditService from '../../services/auditService'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'

export default class SignOutController {
  constructor(
    private readonly auditService: AuditService,
    private readonly cookieName: string,
  ) {}

  submit = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.user) {
      await this.auditService.record(auditContext(req), {
        action: 'sign_out',
        entityType: 'user',
        entityId: req.user.id,
      })
    }
    req.logout(logoutError => {
      if (logoutError) return next(logoutError)
      return req.session.destroy(destroyError => {
        if (destroyError) return next(destroyError)
        res.clearCookie(this.cookieName)
        return res.redirect(`${paths.signIn}?signedOut=1`)
      })
    })
  }
}
