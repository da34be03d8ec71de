import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import type { Services } from '../../services'
import ListOutboxController from './listOutboxController'
import OutboxMessageController from './outboxMessageController'
import { idParams } from '../params'

/** The e-mail outbox: coordinators and administrators only (unsent messages hold live agency links). */
export default function outboxRoutes({ outboxService }: Services): Router {
  const router = Router()
  router.use(paths.outbox.list, requireCapability('viewOutbox'))
  idParams(router, { messageId: null })
  const list = new ListOutboxController(outboxService)
  const message = new OutboxMessageController(outboxService)
  router.get(paths.outbox.list, list.view)
  router.get(paths.outbox.show.pattern, message.view)
  router.post(paths.outbox.retry.pattern, message.retry)
  return router
}
