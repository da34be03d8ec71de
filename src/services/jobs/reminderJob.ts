import { QueryTypes, Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { AgencyRequest } from '../../db/models'
import { todayInLondon } from '../../domain/dates'
import type { AuditContext } from '../auditContext'
import { systemContext } from '../auditContext'
import type AuditService from '../auditService'
import { escalationEmail, reminderEmail } from '../agencyRequests/emails'
import { requestEmailContext } from '../agencyRequests/requestEmailContext'
import type OutboxService from '../mail/outboxService'
import type { DeliveryResult } from '../mail/outboxService'

export type ReminderStep = 'before_due' | 'overdue'

export interface ReminderRunResult {
  /** False when another instance was already running the job: it did nothing. */
  ran: boolean
  beforeDue: number
  overdue: number
  /** Overdue reports escalated to the agency's named lead. */
  escalated: number
  delivery: DeliveryResult | null
}

/** Days after the overdue reminder before the agency's lead is written to, unless configured. */
export const DEFAULT_ESCALATION_DAYS = 7

// Any constant will do, as long as nothing else uses it: it makes the job run in one instance at a time.
export const REMINDER_LOCK_KEY = 726_010

const STEP_COLUMN: Record<ReminderStep, string> = {
  before_due: 'reminder_before_sent_at',
  overdue: 'reminder_overdue_sent_at',
}

/**
 * Reminds agencies of outstanding requests: once `daysBeforeDue` days before the due date (only
 * if the request was sent before then, otherwise its first e-mail still is the reminder) and
 * once when it is overdue. At most once per step: the step's *_sent_at column is set in the same
 * transaction as the reminder's outbox row and audit row.
 *
 * Safe with several instances: the run holds a transaction-scoped advisory lock, so a second run
 * started meanwhile (here or in another instance) returns at once and does nothing, and one
 * started after it sees the columns already set. The rows are also claimed FOR UPDATE SKIP LOCKED,
 * so a coordinator acting on a request at that moment is neither blocked nor overwritten.
 */
export default class ReminderJob {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly outbox: OutboxService,
    private readonly daysBeforeDue: number,
    private readonly now: () => Date = () => new Date(),
    private readonly escalationDaysAfterOverdue: number = DEFAULT_ESCALATION_DAYS,
  ) {}

  async run(context: AuditContext = systemContext()): Promise<ReminderRunResult> {
    const outcome = await this.db.transaction(async transaction => {
      const [{ locked }] = await this.db.sequelize.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock(:key) AS locked',
        { replacements: { key: REMINDER_LOCK_KEY }, type: QueryTypes.SELECT, transaction },
      )
      if (!locked) return null
      const today = todayInLondon(this.now())
      const before = await this.remind('before_due', today, context, transaction)
      const overdue = await this.remind('overdue', today, context, transaction)
      const escalated = await this.escalate(today, context, transaction)
      return { before, overdue, escalated }
    })
    if (!outcome) return { ran: false, beforeDue: 0, overdue: 0, escalated: 0, delivery: null }
    const messageIds = [...outcome.before, ...outcome.overdue, ...outcome.escalated]
    const delivery = messageIds.length ? await this.outbox.deliver(messageIds) : null
    return {
      ran: true,
      beforeDue: outcome.before.length,
      overdue: outcome.overdue.length,
      escalated: outcome.escalated.length,
      delivery,
    }
  }

  /**
   * After the overdue reminder, once: `escalationDaysAfterOverdue` days later, a report still
   * outstanding is escalated to the agency's named lead (Settings, Agency leads). A request whose
   * agency has no lead waits until one is set up; a revoked link means the coordinator is dealing
   * with the agency another way.
   */
  private async escalate(today: string, context: AuditContext, transaction: Transaction) {
    const rows = await this.db.sequelize.query<{ id: string; lead_name: string; lead_email: string }>(
      `SELECT r.id, l.lead_name, l.lead_email FROM agency_requests r
         JOIN agency_leads l ON l.agency = r.agency
        WHERE r.status = 'requested' AND r.reminder_overdue_sent_at IS NOT NULL AND r.escalation_sent_at IS NULL
          AND r.token_revoked_at IS NULL AND r.due_date < CAST(:today AS date)
          AND (r.reminder_overdue_sent_at AT TIME ZONE 'Europe/London')::date <= CAST(:today AS date) - CAST(:days AS integer)
        ORDER BY r.due_date, r.id
        FOR UPDATE OF r SKIP LOCKED`,
      { replacements: { today, days: this.escalationDaysAfterOverdue }, type: QueryTypes.SELECT, transaction },
    )
    const messageIds: string[] = []
    for (const row of rows) {
      const request = (await this.db.models.AgencyRequest.findByPk(row.id, { transaction }))!
      const emailContext = await requestEmailContext(this.db, request, transaction)
      messageIds.push(
        await this.outbox.queue(
          {
            kind: 'agency_escalation',
            to: row.lead_email,
            ...escalationEmail({
              ...emailContext,
              leadName: row.lead_name,
              requestedOn: request.createdAt,
              remindedOn: request.reminderOverdueSentAt,
            }),
            caseId: request.caseId,
            requestId: request.id,
          },
          transaction,
        ),
      )
      // As with the reminders: no edit of the request, so its version stays put.
      await this.db.sequelize.query('UPDATE agency_requests SET escalation_sent_at = :now WHERE id = :id', {
        replacements: { now: this.now(), id: row.id },
        transaction,
      })
      await this.auditService.record(
        context,
        {
          action: 'agency_reminder_sent',
          entityType: 'case',
          entityId: request.caseId,
          details: { requestId: request.id, agency: request.agency, step: 'escalation' },
        },
        transaction,
      )
    }
    return messageIds
  }

  private async remind(step: ReminderStep, today: string, context: AuditContext, transaction: Transaction) {
    const column = STEP_COLUMN[step]
    const due =
      step === 'overdue'
        ? 'r.due_date < CAST(:today AS date)'
        : `r.due_date >= CAST(:today AS date)
           AND r.due_date <= CAST(:today AS date) + CAST(:days AS integer)
           AND (r.created_at AT TIME ZONE 'Europe/London')::date < r.due_date - CAST(:days AS integer)`
    // A revoked link means the coordinator is dealing with the agency another way: no reminders.
    const rows = await this.db.sequelize.query<{ id: string }>(
      `SELECT r.id FROM agency_requests r
        WHERE r.status = 'requested' AND r.${column} IS NULL AND r.token_revoked_at IS NULL AND ${due}
        ORDER BY r.due_date, r.id
        FOR UPDATE SKIP LOCKED`,
      { replacements: { today, days: this.daysBeforeDue }, type: QueryTypes.SELECT, transaction },
    )
    const messageIds: string[] = []
    for (const { id } of rows) {
      const request = (await this.db.models.AgencyRequest.findByPk(id, { transaction }))!
      messageIds.push(await this.queueReminder(request, step, transaction))
      // Not a save of the model: the reminder is no edit of the request, so its version stays put
      // and a coordinator's open page does not become out of date.
      await this.db.sequelize.query(`UPDATE agency_requests SET ${column} = :now WHERE id = :id`, {
        replacements: { now: this.now(), id },
        transaction,
      })
      await this.auditService.record(
        context,
        {
          action: 'agency_reminder_sent',
          entityType: 'case',
          entityId: request.caseId,
          details: { requestId: request.id, agency: request.agency, step },
        },
        transaction,
      )
    }
    return messageIds
  }

  private async queueReminder(request: AgencyRequest, step: ReminderStep, transaction: Transaction) {
    const context = await requestEmailContext(this.db, request, transaction)
    return this.outbox.queue(
      {
        kind: step === 'overdue' ? 'agency_reminder_overdue' : 'agency_reminder_before',
        to: request.contactEmail,
        ...reminderEmail({ ...context, step, requestedOn: request.createdAt }),
        caseId: request.caseId,
        requestId: request.id,
      },
      transaction,
    )
  }
}
