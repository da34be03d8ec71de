import { Router } from 'express'
import type passport from 'passport'
import type { Services } from '../services'
import accountLinkRoutes from './accountLinks'
import actionRoutes from './actions'
import adminRoutes from './admin'
import agencyLinkRoutes from './agencyLink'
import agencyRequestRoutes from './agencyRequests'
import annualReportRoutes from './annualReport'
import caseRoutes from './cases'
import homeRoutes from './home'
import importRoutes from './import'
import jarEventRoutes from './jarEvents'
import meetingRoutes from './meetings'
import outboxRoutes from './outbox'
import publicPageRoutes from './publicPages'
import reviewRoutes from './reviews'
import settingsRoutes from './settings'
import setupRoutes from './setup'
import signInRoutes from './signIn'
import { statisticsRoutes } from './statistics'

/** Mounts one router per feature. */
export default function routes(services: Services, authenticator: passport.PassportStatic): Router {
  const router = Router()
  router.use(publicPageRoutes())
  router.use(signInRoutes(services, authenticator))
  router.use(setupRoutes(services))
  router.use(agencyLinkRoutes(services))
  router.use(accountLinkRoutes(services))
  router.use(homeRoutes(services))
  router.use(adminRoutes(services))
  router.use(importRoutes(services))
  router.use(caseRoutes(services))
  router.use(agencyRequestRoutes(services))
  router.use(jarEventRoutes(services))
  router.use(outboxRoutes(services))
  router.use(meetingRoutes(services))
  router.use(reviewRoutes(services))
  router.use(actionRoutes(services))
  router.use(statisticsRoutes(services))
  router.use(annualReportRoutes(services))
  router.use(settingsRoutes(services))
  return router
}
