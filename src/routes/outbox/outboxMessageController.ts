import { Request, Response } from 'express'
import type { OutboxStatus } from '../../db/models/OutboxMessage'
import createError from 'http-errors'
import type OutboxService from '../../services/mail/outboxService'
import { outboxStatusLabels, outboxStatusTagClasses } from '../../services/mail/outboxService'
import ServiceError from '../../services/serviceError'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'

/** One e-mail as it was (or will be) sent, with its delivery history; a failed one can be tried again. */
export default class OutboxMessageController {
  constructor(private readonly outboxService: OutboxService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const message = await this.outboxService.findById(String(req.params.messageId))
    if (!message) throw createError(404, 'Message not found')
    // An unsent invitation or reset link would let its reader choose someone's password: administrators only.
    const accountMessage = message.kind === 'account_invitation' || message.kind === 'password_reset'
    if (accountMessage && !req.user?.roles.includes('admin')) throw createError(404, 'Message not found')
    await this.outboxService.recordRead(message.id, auditContext(req))
    res.render('pages/outbox/show', {
      message,
      statusLabel: outboxStatusLabels[message.status as OutboxStatus],
      statusClass: outboxStatusTagClasses[message.status as OutboxStatus],
      canRetry: (message.status === 'failed' || message.status === 'retrying') && this.outboxService.delivers,
    })
  }

  retry = async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.messageId)
    try {
      await this.outboxService.retry(id, auditContext(req))
    } catch (error) {
      if (ServiceError.is(error, 'not_found')) throw createError(404, 'Message not found')
      if (!ServiceError.is(error)) throw error
      req.session.flash = [{ type: 'information', text: error.message }]
      return res.redirect(paths.outbox.show(id))
    }
    const message = await this.outboxService.findById(id)
    req.session.flash = [
      message?.status === 'sent'
        ? { type: 'success', text: 'The email has been sent' }
        : { type: 'information', text: 'The email could not be sent this time either. The last error is below.' },
    ]
    return res.redirect(paths.outbox.show(id))
  }
}
