import { Router } from 'express'
import type { Services } from '../../services'
import requireRole from '../../middleware/requireRole'
import AuditLogController from './auditLogController'
import EditUserController from './editUserController'
import ListUsersController from './listUsersController'
import NewUserController from './newUserController'
import SetPasswordController from './setPasswordController'
import UserActiveController from './userActiveController'

export default function adminRoutes({ userService, auditService, auditBrowser }: Services): Router {
  const router = Router()
  router.use('/admin', requireRole('admin'))
  const list = new ListUsersController(userService)
  const create = new NewUserController(userService)
  const edit = new EditUserController(userService)
  const active = new UserActiveController(userService)
  const audit = new AuditLogController(auditService, auditBrowser, userService)
  const password = new SetPasswordController(userService)
  router.get('/admin/users', list.view)
  router.get('/admin/users/new', create.view)
  router.post('/admin/users/new', create.submit)
  router.get('/admin/users/:userId', edit.view)
  router.post('/admin/users/:userId', edit.submit)
  router.post('/admin/users/:userId/active', active.submit)
  router.get('/admin/users/:userId/password', password.view)
  router.post('/admin/users/:userId/password', password.submit)
  router.get('/admin/audit', audit.view)
  router.get('/admin/audit/export.csv', audit.exportCsv)
  return router
}
