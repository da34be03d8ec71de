import { Router } from 'express'
import paths from '../../paths'
import type { Services } from '../../services'
import AgencyLinkController from './agencyLinkController'
import rateLimit from './rateLimit'

/** The secure agency link: public (no sign-in, see setUpAuthentication), rate-limited, CSRF-protected. */
export default function agencyLinkRoutes({ agencyLinkService, rateLimiter, config }: Services): Router {
  const router = Router()
  const controller = new AgencyLinkController(agencyLinkService, config.session.idleMinutes)
  router.use('/agency', rateLimit(rateLimiter, 'agency-link', config.agencyRequests.linkMaxRequestsPerMinute))
  router.get(paths.agencyLink.pattern, controller.view)
  router.post(paths.agencyLink.pattern, controller.submit)
  return router
}
