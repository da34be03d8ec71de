import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import EditActionController from './editActionController'
import ListActionsController from './listActionsController'

/** Actions across all cases, tracked until closed: coordinators and administrators. */
export default function actionRoutes({ actionService }: Services): Router {
  const router = Router()
  router.use('/actions', requireRole('coordinator', 'admin'))
  const list = new ListActionsController(actionService)
  const edit = new EditActionController(actionService)
  router.get('/actions', list.view)
  router.get('/actions/:actionId', edit.view)
  router.post('/actions/:actionId', edit.submit)
  return router
}
