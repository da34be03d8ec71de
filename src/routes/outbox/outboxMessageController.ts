import { Request, Response } from 'express'
import type { OutboxStatus } from '../../db/models/OutboxMessage'
import createError from 'http-errors'
import { can } from '../../domain/policy'
import type OutboxService from '../../services/mail/outboxService'
import { outboxStatusLabels, outboxStatusTagClasses, type RetryOutcome } from '../../services/mail/outboxService'
import { formatDateTime } from '../../views/viewHelpers'
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
    if (accountMessage && !can(req.user, 'readAccountMessages')) throw createError(404, 'Message not found')
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
    let retried: RetryOutcome
    try {
      retried = await this.outboxService.retry(id, auditContext(req))
    } catch (error) {
      if (ServiceError.is(error, 'not_found')) throw createError(404, 'Message not found')
      if (!ServiceError.is(error)) throw error
      req.session.flash = [{ type: 'information', text: error.message }]
      return res.redirect(paths.outbox.show(id))
    }
    req.session.flash = [retryMessage(retried)]
    return res.redirect(paths.outbox.show(id))
  }
}

/** What "Try sending it now" came to, in words: sent, or failed again and why, and what happens next. */
export function retryMessage(retried: RetryOutcome): { type: 'success' | 'information'; title?: string; text: string } {
  const error = retried.lastError ?? 'no reason given'
  switch (retried.outcome) {
    case 'sent':
      return { type: 'success', text: `The email has been sent, after ${attemptsText(retried.attempts)}` }
    case 'stored':
      return { type: 'information', text: 'No mail server is set up, so the email is stored here to be sent by hand' }
    case 'retrying':
      return {
        type: 'information',
        title: 'The email could not be sent',
        text: `The mail server said: ${error}. It will be tried again automatically${
          retried.nextAttemptAt ? ` from ${formatDateTime(retried.nextAttemptAt)}` : ''
        }, or you can try again now.`,
      }
    case 'failed':
      return {
        type: 'information',
        title: 'The email could not be sent',
        text: `The mail server said: ${error}. After ${attemptsText(retried.attempts)} it will not be tried again automatically: check the address, then try again.`,
      }
    case 'busy':
      return {
        type: 'information',
        text: 'The email is being sent by another part of the service right now. Look at this page again in a minute.',
      }
  }
}

const attemptsText = (attempts: number) => `${attempts} attempt${attempts === 1 ? '' : 's'}`
