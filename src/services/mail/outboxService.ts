import { QueryTypes, Transaction } from 'sequelize'
import type { Database } from '../../db'
import type OutboxMessage from '../../db/models/OutboxMessage'
import type { OutboxKind, OutboxStatus } from '../../db/models/OutboxMessage'
import logger from '../../logger'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import { redactLinkTokens } from '../agencyRequests/linkToken'
import { redactAccountLinkTokens } from '../accountLinkToken'
import ServiceError from '../serviceError'
import { isUuid } from '../userService'
import type { MailTransport } from './mailTransport'

export interface NewMessage {
  kind: OutboxKind
  to: string
  subject: string
  text: string
  caseId?: string | null
  requestId?: string | null
}

type DeliveryOutcome = Exclude<OutboxStatus, 'pending'>

export interface DeliveryResult {
  sent: number
  stored: number
  retrying: number
  failed: number
}

/** What an "all pending, now" run did, and what it left. */
export interface ImmediateDeliveryResult extends DeliveryResult {
  /** Messages not tried in this run because the mail server kept failing (see CONSECUTIVE_FAILURES_TO_STOP). */
  untried: number
  /** Messages that gave up earlier: they wait for a person to try again from the outbox page. */
  gaveUpEarlier: number
}

/** What a person's "Try sending it now" came to. */
export interface RetryOutcome {
  /** `busy`: another instance was sending it at that moment. */
  outcome: DeliveryOutcome | 'busy'
  attempts: number
  lastError: string | null
  nextAttemptAt: Date | null
}

/** A run that sends everything now stops after this many failures in a row: the mail server is down. */
export const CONSECUTIVE_FAILURES_TO_STOP = 3

/** After this many failed attempts a message waits for a person to try again. */
export const MAX_ATTEMPTS = 10

/** 1, 2, 4 … minutes after each failure, never more than an hour: about six hours over ten attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 60) * 60_000
}

export const outboxStatusLabels: Record<OutboxStatus, string> = {
  pending: 'Waiting to send',
  retrying: 'Failed, will try again',
  sent: 'Sent',
  stored: 'Stored, not sent',
  failed: 'Failed',
}

export const outboxStatusTagClasses: Record<OutboxStatus, string> = {
  pending: 'govuk-tag--blue',
  retrying: 'govuk-tag--orange',
  sent: 'govuk-tag--green',
  stored: 'govuk-tag--grey',
  failed: 'govuk-tag--red',
}

const PAGE_SIZE = 50

/**
 * The transactional outbox. `queue` writes a message in the caller's transaction, so it exists
 * exactly when the change it announces does; `deliver` runs after that commits. Each message is
 * claimed with FOR UPDATE SKIP LOCKED in its own short transaction, so several instances (or the
 * scheduled job and a page) never send one twice at the same time. With no transport configured
 * a message is marked `stored` and stays readable in the service.
 */
export default class OutboxService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly transport: MailTransport | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get delivers(): boolean {
    return this.transport !== null
  }

  async queue(message: NewMessage, transaction: Transaction): Promise<string> {
    const row = await this.db.models.OutboxMessage.create(
      {
        kind: message.kind,
        toAddress: message.to,
        subject: message.subject,
        bodyText: message.text,
        status: 'pending',
        nextAttemptAt: this.now(),
        caseId: message.caseId ?? null,
        requestId: message.requestId ?? null,
      },
      { transaction },
    )
    return row.id
  }

  /**
   * Delivers the named messages now (after the transaction that queued them has committed), or
   * every message that is due. Never throws: a failure is recorded on the message and retried.
   */
  async deliver(ids?: string[], limit = 100): Promise<DeliveryResult> {
    const result: DeliveryResult = { sent: 0, stored: 0, retrying: 0, failed: 0 }
    // Named messages one by one; otherwise claim the oldest due message until none is left.
    const targets: (string | undefined)[] = ids ? ids.slice(0, limit) : Array.from({ length: limit }, () => undefined)
    for (const id of targets) {
      let outcome: DeliveryOutcome | null
      try {
        outcome = await this.deliverOne(id)
      } catch (error) {
        // The database itself failed: the message stays as it was, for the next run.
        logger.error({ err: error }, 'outbox delivery run failed')
        break
      }
      if (outcome) result[outcome] += 1
      else if (!id) break
    }
    return result
  }

  /**
   * Sends every message waiting to be sent, now, whether or not its back-off has run out: what an
   * operator asks for right after the mail server comes back (`jobs:run-reminders`). The periodic
   * job keeps the back-off (`deliver`). Each message is tried once in the run; after
   * CONSECUTIVE_FAILURES_TO_STOP failures in a row the run stops, as the server is still down, and
   * the rest stay as they were. Messages that gave up are left to a person (`retry`).
   */
  async deliverAllNow(): Promise<ImmediateDeliveryResult> {
    const waiting = await this.db.models.OutboxMessage.findAll({
      where: { status: ['pending', 'retrying'] },
      attributes: ['id'],
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
    })
    const result: ImmediateDeliveryResult = { sent: 0, stored: 0, retrying: 0, failed: 0, untried: 0, gaveUpEarlier: 0 }
    let failuresInARow = 0
    for (const [index, { id }] of waiting.entries()) {
      if (failuresInARow >= CONSECUTIVE_FAILURES_TO_STOP) {
        result.untried = waiting.length - index
        break
      }
      let outcome: DeliveryOutcome | null
      try {
        outcome = await this.deliverOne(id, true)
      } catch (error) {
        logger.error({ err: error }, 'outbox delivery run failed')
        result.untried = waiting.length - index
        break
      }
      // null: sent meanwhile by another instance, or being sent by it now.
      if (!outcome) continue
      result[outcome] += 1
      failuresInARow = outcome === 'retrying' || outcome === 'failed' ? failuresInARow + 1 : 0
    }
    result.gaveUpEarlier = (await this.db.models.OutboxMessage.count({ where: { status: 'failed' } })) - result.failed
    return result
  }

  /**
   * Claims one due message (a given one, or the oldest), sends it and records what happened.
   * `immediately`: a given message is sent even if its back-off has not run out.
   */
  private async deliverOne(id?: string, immediately = false): Promise<DeliveryOutcome | null> {
    return this.db.transaction(async transaction => {
      const due = id && immediately ? '' : 'AND next_attempt_at <= :now'
      const rows = await this.db.sequelize.query<{ id: string }>(
        `SELECT id FROM outbox_messages
          WHERE status IN ('pending', 'retrying') ${due} ${id ? 'AND id = :id' : ''}
          ORDER BY next_attempt_at, created_at LIMIT 1
          FOR UPDATE SKIP LOCKED`,
        { replacements: { now: this.now(), id: id ?? null }, type: QueryTypes.SELECT, transaction },
      )
      if (!rows.length) return null
      const message = (await this.db.models.OutboxMessage.findByPk(rows[0].id, { transaction }))!
      if (!this.transport) {
        await message.update({ status: 'stored', nextAttemptAt: null }, { transaction })
        return 'stored'
      }
      const attempts = message.attempts + 1
      try {
        await this.transport.send({ to: message.toAddress, subject: message.subject, text: message.bodyText })
      } catch (error) {
        const gaveUp = attempts >= MAX_ATTEMPTS
        const code = (error as { code?: string }).code
        logger.warn({ messageId: message.id, attempts, code }, 'e-mail delivery failed')
        await message.update(
          {
            status: gaveUp ? 'failed' : 'retrying',
            attempts,
            lastError: redactAccountLinkTokens(redactLinkTokens(describeError(error))),
            nextAttemptAt: gaveUp ? null : new Date(this.now().getTime() + retryDelayMs(attempts)),
          },
          { transaction },
        )
        return gaveUp ? 'failed' : 'retrying'
      }
      // Once the mail server has it, the link need not stay readable here: only the agency holds it.
      await message.update(
        {
          status: 'sent',
          attempts,
          sentAt: this.now(),
          nextAttemptAt: null,
          bodyText: redactAccountLinkTokens(redactLinkTokens(message.bodyText)),
        },
        { transaction },
      )
      return 'sent'
    })
  }

  /**
   * A link that can no longer be used (revoked, replaced, answered or closed) is removed from every
   * message about the request still kept here, so no working link stays readable in the database.
   */
  async retireLinks(requestId: string, transaction: Transaction): Promise<void> {
    const messages = await this.db.models.OutboxMessage.findAll({ where: { requestId }, transaction })
    for (const message of messages) {
      const bodyText = redactLinkTokens(message.bodyText)
      if (bodyText !== message.bodyText) await message.update({ bodyText }, { transaction })
    }
  }

  async list(query: { status?: string; page: number }) {
    const where = query.status && query.status in outboxStatusLabels ? { status: query.status } : {}
    const { rows, count } = await this.db.models.OutboxMessage.findAndCountAll({
      where,
      attributes: ['id', 'kind', 'toAddress', 'subject', 'status', 'attempts', 'createdAt', 'sentAt', 'lastError'],
      order: [
        ['createdAt', 'DESC'],
        ['id', 'ASC'],
      ],
      limit: PAGE_SIZE,
      offset: (Math.max(1, query.page) - 1) * PAGE_SIZE,
    })
    return { rows, count, pageCount: Math.max(1, Math.ceil(count / PAGE_SIZE)) }
  }

  async findById(id: string): Promise<OutboxMessage | null> {
    return isUuid(id) ? this.db.models.OutboxMessage.findByPk(id) : null
  }

  /** The message holds a live agency link when it was not sent: reading it is recorded. */
  async recordRead(id: string, context: AuditContext): Promise<void> {
    await this.auditService.record(context, {
      action: 'outbox_message_viewed',
      entityType: 'outbox_message',
      entityId: id,
    })
  }

  /**
   * A person asks for another attempt at a message that failed or is waiting to retry. It is tried
   * at once, and the answer says what happened, with the mail server's error if it failed again.
   */
  async retry(id: string, context: AuditContext): Promise<RetryOutcome> {
    await this.db.transaction(async transaction => {
      const message = isUuid(id)
        ? await this.db.models.OutboxMessage.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE })
        : null
      if (!message) throw new ServiceError('not_found', 'Message not found')
      if (message.status !== 'failed' && message.status !== 'retrying')
        throw new ServiceError('refused', 'Only a message that failed can be sent again')
      await message.update({ status: 'retrying', nextAttemptAt: this.now() }, { transaction })
      await this.auditService.record(
        context,
        {
          action: 'outbox_message_retried',
          entityType: 'outbox_message',
          entityId: id,
          details: { attempts: message.attempts },
        },
        transaction,
      )
    })
    const outcome = await this.deliverOne(id, true)
    const message = (await this.db.models.OutboxMessage.findByPk(id))!
    return {
      outcome: outcome ?? 'busy',
      attempts: message.attempts,
      lastError: message.lastError,
      nextAttemptAt: message.nextAttemptAt,
    }
  }
}

/** The mail server's answer or the network error, short enough to show. */
function describeError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string }
  const parts = [e.code, e.responseCode ? String(e.responseCode) : undefined, e.message].filter(Boolean)
  return (parts.join(': ') || 'Unknown error').slice(0, 500)
}
