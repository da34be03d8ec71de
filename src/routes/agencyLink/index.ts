import { Router } from 'express'
import type { Services } from '../../services'
import AgencyLinkController from './agencyLinkController'
import rateLimit from './rateLimit'

/** The secure agency link: public (no sign-in, see setUpAuthentication), rate-limited, CSRF-protected. */
export default function agencyLinkRoutes({ agencyLinkService, rateLimiter, config }: Services): Router {
  const router = Router()
  const controller = new AgencyLinkController(agencyLinkService, config.session.idleMinutes)
  router.use('/agency', rateLimit(rateLimiter, 'agency-link', config.agencyRequests.linkMaxRequestsPerMinute))
  router.get('/agency/:token', controller.view)
  router.post('/agency/:token', controller.submit)
  return router
}
