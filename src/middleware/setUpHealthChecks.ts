import { Router } from 'express'
import type HealthService from '../services/healthService'

/** First in the chain: cheap, unauthenticated and free of sessions, for load balancers and monitors. */
export default function setUpHealthChecks(healthService: HealthService): Router {
  const router = Router()
  router.get('/ping', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'UP' })
  })
  router.get('/health', async (_req, res) => {
    const database = await healthService.databaseIsUp()
    res
      .status(database ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: database ? 'UP' : 'DOWN', components: { database: database ? 'UP' : 'DOWN' } })
  })
  return router
}
