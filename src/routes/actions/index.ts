import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import type { Services } from '../../services'
import EditActionController from './editActionController'
import ListActionsController from './listActionsController'
import { idParams } from '../params'

/** Actions across all cases, tracked until closed: coordinators and administrators. */
export default function actionRoutes({ actionService }: Services): Router {
  const router = Router()
  router.use(paths.actions.list, requireCapability('manageActions'))
  idParams(router, { actionId: null })
  const list = new ListActionsController(actionService)
  const edit = new EditActionController(actionService)
  router.get(paths.actions.list, list.view)
  router.get(paths.actions.show.pattern, edit.view)
  router.post(paths.actions.show.pattern, edit.submit)
  return router
}
