import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import type { Services } from '../../services'
import { loadCase } from '../cases/loadCase'
import JarEventController from './jarEventController'
import { idParams } from '../params'

/** The dated events of a case's joint agency response: coordinators and administrators only. */
export default function jarEventRoutes({ caseService, jarEventService }: Services): Router {
  const router = Router()
  // A pattern without named parameters, so the role check runs before the case is even looked up.
  router.use(/^\/cases\/[^/]+\/jar-events(?:\/|$)/, requireCapability('editCase'))
  idParams(router, { caseId: loadCase(caseService), eventId: null })
  const controller = new JarEventController(jarEventService)
  router.get(paths.jarEvents.new.pattern, controller.newView)
  router.post(paths.jarEvents.new.pattern, controller.create)
  router.get(paths.jarEvents.edit.pattern, controller.editView)
  router.post(paths.jarEvents.edit.pattern, controller.update)
  router.get(paths.jarEvents.remove.pattern, controller.removeView)
  router.post(paths.jarEvents.remove.pattern, controller.remove)
  return router
}
