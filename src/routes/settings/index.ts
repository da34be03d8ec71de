import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import { validId } from '../params'
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
  router.use('/settings', requireCapability('changeSettings'))
  const quorum = new QuorumController(quorumRuleService)
  router.get(paths.settings.quorum, quorum.view)
  router.post(paths.settings.quorum, quorum.submit)
  const leads = new AgencyLeadsController(agencyLeadService)
  router.get(paths.settings.agencyLeads, leads.list)
  router.get(paths.settings.agencyLead.pattern, leads.view)
  router.post(paths.settings.agencyLead.pattern, leads.submit)
  const authorities = new LocalAuthoritiesController(localAuthorityService)
  router.param('localAuthorityId', validId('localAuthorityId'))
  router.get(paths.settings.localAuthorities, authorities.list)
  router.post(paths.settings.localAuthorities, authorities.add)
  router.post(paths.settings.localAuthority.pattern, authorities.move)
  return router
}
