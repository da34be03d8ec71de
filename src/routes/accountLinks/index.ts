import { Router } from 'express'
import paths from '../../paths'
import type { Services } from '../../services'
import rateLimit from '../agencyLink/rateLimit'
import AccountLinkController from './accountLinkController'

/** Invitation and password reset links: public (the token is the credential), rate-limited per address. */
export default function accountLinkRoutes({ accountLinkService, rateLimiter, config }: Services): Router {
  const router = Router()
  const invitation = new AccountLinkController(accountLinkService, 'invitation')
  const reset = new AccountLinkController(accountLinkService, 'password_reset')
  const limit = rateLimit(rateLimiter, 'account-link', config.signIn.pagesMaxRequestsPerMinute)
  router.get(paths.invitation.pattern, limit, invitation.view)
  router.post(paths.invitation.pattern, limit, invitation.submit)
  router.get(paths.passwordReset.pattern, limit, reset.view)
  router.post(paths.passwordReset.pattern, limit, reset.submit)
  return router
}
