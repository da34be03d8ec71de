import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import ListOutboxController from './listOutboxController'
import OutboxMessageController from './outboxMessageController'

/** The e-mail outbox: coordinators and administrators only (unsent messages hold live agency links). */
export default function outboxRoutes({ outboxService }: Services): Router {
  const router = Router()
  router.use('/outbox', requireRole('coordinator', 'admin'))
  const list = new ListOutboxController(outboxService)
  const message = new OutboxMessageController(outboxService)
  router.get('/outbox', list.view)
  router.get('/outbox/:messageId', message.view)
  router.post('/outbox/:messageId/retry', message.retry)
  return router
}
