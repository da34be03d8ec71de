import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import QuorumController from './quorumController'

/** Service settings: administrators only. */
export default function settingsRoutes({ quorumRuleService }: Services): Router {
  const router = Router()
  router.use('/settings', requireRole('admin'))
  const quorum = new QuorumController(quorumRuleService)
  router.get('/settings/quorum', quorum.view)
  router.post('/settings/quorum', quorum.submit)
  return router
}
