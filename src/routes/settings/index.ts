import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import AgencyLeadsController from './agencyLeadsController'
import LocalAuthoritiesController from './localAuthoritiesController'
import QuorumController from './quorumController'

/** Service settings: administrators only. */
export default function settingsRoutes({
  quorumRuleService,
  agencyLeadService,
  localAuthorityService,
}: Services): Router {
  const router = Router()
  router.use('/settings', requireRole('admin'))
  const quorum = new QuorumController(quorumRuleService)
  router.get('/settings/quorum', quorum.view)
  router.post('/settings/quorum', quorum.submit)
  const leads = new AgencyLeadsController(agencyLeadService)
  router.get('/settings/agency-leads', leads.list)
  router.get('/settings/agency-leads/:agency', leads.view)
  router.post('/settings/agency-leads/:agency', leads.submit)
  const authorities = new LocalAuthoritiesController(localAuthorityService)
  router.get('/settings/local-authorities', authorities.list)
  router.post('/settings/local-authorities', authorities.add)
  router.post('/settings/local-authorities/:id', authorities.move)
  return router
}
