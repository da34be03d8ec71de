import { Router } from 'express'
import paths from '../../paths'
import type { Services } from '../../services'
import requireCapability from '../../middleware/requireCapability'
import AccountAccessController from './accountAccessController'
import AuditLogController from './auditLogController'
import EditUserController from './editUserController'
import ListUsersController from './listUsersController'
import NewUserController from './newUserController'
import UserActiveController from './userActiveController'
import { idParams } from '../params'

export default function adminRoutes({
  userService,
  auditService,
  auditBrowser,
  accountLinkService,
  secondFactorService,
}: Services): Router {
  const router = Router()
  router.use('/admin', requireCapability('administerAccounts'))
  idParams(router, { userId: null })
  const list = new ListUsersController(userService)
  const create = new NewUserController(accountLinkService)
  const edit = new EditUserController(userService, accountLinkService, secondFactorService)
  const active = new UserActiveController(userService)
  const audit = new AuditLogController(auditService, auditBrowser, userService)
  const access = new AccountAccessController(accountLinkService, secondFactorService)
  router.get(paths.admin.users, list.view)
  router.get(paths.admin.newUser, create.view)
  router.post(paths.admin.newUser, create.submit)
  router.get(paths.admin.user.pattern, edit.view)
  router.post(paths.admin.user.pattern, edit.submit)
  router.post(paths.admin.userActive.pattern, active.submit)
  router.post(paths.admin.userPasswordReset.pattern, access.sendPasswordReset)
  router.post(paths.admin.userInvitation.patternWith({ change: 'resend' }), access.resendInvitation)
  router.post(paths.admin.userInvitation.patternWith({ change: 'revoke' }), access.revokeInvitation)
  router.post(paths.admin.userSecondFactorReset.pattern, access.resetSecondFactor)
  router.get(paths.admin.audit, audit.view)
  router.get(paths.admin.auditExport, audit.exportCsv)
  return router
}
