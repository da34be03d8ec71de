import { Router } from 'express'
import paths from '../../paths'
import type { Services } from '../../services'
import rateLimit from '../agencyLink/rateLimit'
import SetupController from './setupController'

export default function setupRoutes(services: Services): Router {
  const router = Router()
  const controller = new SetupController(services.setupService)
  router.use(paths.setup, rateLimit(services.rateLimiter, 'setup', services.config.signIn.pagesMaxRequestsPerMinute))
  router.get(paths.setupWithToken.pattern, controller.view)
  router.post(paths.setupWithToken.pattern, controller.submit)
  return router
}
