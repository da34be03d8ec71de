import { Router } from 'express'
import type { Services } from '../../services'
import requireRole from '../../middleware/requireRole'
import AccountAccessController from './accountAccessController'
import AuditLogController from './auditLogController'
import EditUserController from './editUserController'
import ListUsersController from './listUsersController'
import NewUserController from './newUserController'
import UserActiveController from './userActiveController'

export default function adminRoutes({
  userService,
  auditService,
  auditBrowser,
  accountLinkService,
  secondFactorService,
}: Services): Router {
  const router = Router()
  router.use('/admin', requireRole('admin'))
  const list = new ListUsersController(userService)
  const create = new NewUserController(accountLinkService)
  const edit = new EditUserController(userService, accountLinkService, secondFactorService)
  const active = new UserActiveController(userService)
  const audit = new AuditLogController(auditService, auditBrowser, userService)
  const access = new AccountAccessController(accountLinkService, secondFactorService)
  router.get('/admin/users', list.view)
  router.get('/admin/users/new', create.view)
  router.post('/admin/users/new', create.submit)
  router.get('/admin/users/:userId', edit.view)
  router.post('/admin/users/:userId', edit.submit)
  router.post('/admin/users/:userId/active', active.submit)
  router.post('/admin/users/:userId/password-reset', access.sendPasswordReset)
  router.post('/admin/users/:userId/invitation/resend', access.resendInvitation)
  router.post('/admin/users/:userId/invitation/revoke', access.revokeInvitation)
  router.post('/admin/users/:userId/second-factor/reset', access.resetSecondFactor)
  router.get('/admin/audit', audit.view)
  router.get('/admin/audit/export.csv', audit.exportCsv)
  return router
}
