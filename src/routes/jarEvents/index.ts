import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import { loadCase } from '../cases/loadCase'
import JarEventController from './jarEventController'

/** The dated events of a case's joint agency response: coordinators and administrators only. */
export default function jarEventRoutes({ caseService, jarEventService }: Services): Router {
  const router = Router()
  // A pattern without named parameters, so the role check runs before the case is even looked up.
  router.use(/^\/cases\/[^/]+\/jar-events(?:\/|$)/, requireRole('coordinator', 'admin'))
  router.param('caseId', loadCase(caseService))
  const controller = new JarEventController(jarEventService)
  router.get('/cases/:caseId/jar-events/new', controller.newView)
  router.post('/cases/:caseId/jar-events/new', controller.create)
  router.get('/cases/:caseId/jar-events/:eventId', controller.editView)
  router.post('/cases/:caseId/jar-events/:eventId', controller.update)
  router.get('/cases/:caseId/jar-events/:eventId/remove', controller.removeView)
  router.post('/cases/:caseId/jar-events/:eventId/remove', controller.remove)
  return router
}
