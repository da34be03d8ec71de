import { Router } from 'express'
import type passport from 'passport'
import type { Services } from '../../services'
import paths from '../../paths'
import rateLimit from '../agencyLink/rateLimit'
import SecondFactorController from './secondFactorController'
import SetUpSecondFactorController from './setUpSecondFactorController'
import SignInController from './signInController'
import SignOutController from './signOutController'

export default function signInRoutes(services: Services, authenticator: passport.PassportStatic): Router {
  const router = Router()
  const signIn = new SignInController(authenticator, services.config.session.cookieName)
  const signOut = new SignOutController(services.auditService, services.config.session.cookieName)
  const secondFactor = new SecondFactorController(services.signInService)
  const setUp = new SetUpSecondFactorController(
    services.userService,
    services.secondFactorService,
    services.signInService,
  )
  // Requests per address per minute, counted in PostgreSQL: the pages that take a password or a code.
  const limit = rateLimit(services.rateLimiter, 'sign-in', services.config.signIn.pagesMaxRequestsPerMinute)
  router.get(paths.signIn, limit, signIn.view)
  router.post(paths.signIn, limit, signIn.submit)
  router.get(paths.secondFactor.verify, limit, secondFactor.view)
  router.post(paths.secondFactor.verify, limit, secondFactor.submit)
  router.get(paths.secondFactor.setUp, limit, setUp.view)
  router.post(paths.secondFactor.setUp, limit, setUp.submit)
  router.post(paths.signOut, signOut.submit)
  return router
}
