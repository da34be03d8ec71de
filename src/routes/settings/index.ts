import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import type { Services } from '../../services'
import AgencyLeadsController from './agencyLeadsController'
import QuorumController from './quorumController'

/** Service settings: administrators only. */
export default function settingsRoutes({ quorumRuleService, agencyLeadService }: Services): Router {
  const router = Router()
  router.use('/settings', requireCapability('changeSettings'))
  const quorum = new QuorumController(quorumRuleService)
  router.get(paths.settings.quorum, quorum.view)
  router.post(paths.settings.quorum, quorum.submit)
  const leads = new AgencyLeadsController(agencyLeadService)
  router.get(paths.settings.agencyLeads, leads.list)
  router.get(paths.settings.agencyLead.pattern, leads.view)
  router.post(paths.settings.agencyLead.pattern, leads.submit)
  return router
}
