import { Router } from 'express'
import type { Services } from '../../services'
import rateLimit from '../agencyLink/rateLimit'
import SetupController from './setupController'

export default function setupRoutes(services: Services): Router {
  const router = Router()
  const controller = new SetupController(services.setupService)
  router.use('/setup', rateLimit(services.rateLimiter, 'setup', services.config.signIn.pagesMaxRequestsPerMinute))
  router.get('/setup/:token', controller.view)
  router.post('/setup/:token', controller.submit)
  return router
}
