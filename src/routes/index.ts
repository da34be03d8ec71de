import { Router } from 'express'
import type passport from 'passport'
import type { Services } from '../services'
import adminRoutes from './admin'
import caseRoutes from './cases'
import homeRoutes from './home'
import publicPageRoutes from './publicPages'
import setupRoutes from './setup'
import signInRoutes from './signIn'
import { statisticsRoutes } from './statistics'

/** Mounts one router per feature. */
export default function routes(services: Services, authenticator: passport.PassportStatic): Router {
  const router = Router()
  router.use(publicPageRoutes())
  router.use(signInRoutes(services, authenticator))
  router.use(setupRoutes(services))
  router.use(homeRoutes(services))
  router.use(adminRoutes(services))
  router.use(caseRoutes(services))
  router.use(statisticsRoutes(services))
  return router
}
