import { Op, Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { AgencyRequest, Case } from '../../db/models'
import type { Agency, CaseStatus } from '../../domain/codes'
import { addDays, compareIsoDates, todayInLondon } from '../../domain/dates'
import paths from '../../paths'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import type OutboxService from '../mail/outboxService'
import ServiceError from '../serviceError'
import { isUuid } from '../userService'
import { requestEmail } from './emails'
import { hashLinkToken, newLinkToken } from './linkToken'
import { REPORT_FORM_VERSION, type Answers } from '../../domain/agencyReport/questions'
import { requestEmailContext } from './requestEmailContext'

export interface AgencyRequestSettings {
  dueDays: number
  linkExpiryDays: number
}

export interface NewContact {
  agency: Agency
  agencyOther: string | null
  contactName: string
  contactEmail: string
}

export type CloseOutcome = 'cancelled' | 'not_involved'

/** Cases that are still being worked on; a closed or reviewed case asks nobody for anything. */
const CAN_REQUEST: CaseStatus[] = ['notified', 'information_gathering', 'ready_for_panel', 'scheduled', 'on_hold']

/**
 * The coordinator's side of information gathering: sending requests, and everything done to them
 * afterwards. Each write is one transaction with its audit row and, where someone is told, its
 * outbox message; the e-mails go after the commit.
 */
export default class AgencyRequestService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly outbox: OutboxService,
    private readonly caseService: CaseService,
    private readonly settings: AgencyRequestSettings,
    private readonly baseUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return todayInLondon(this.now())
  }

  /** The service's clock, for pages that show whether a link has expired. */
  instant(): Date {
    return this.now()
  }

  defaultDueDate(): string {
    return addDays(this.today(), this.settings.dueDays)
  }

  canRequest(record: Case): boolean {
    return CAN_REQUEST.includes(record.status)
  }

  listForCase(caseId: string): Promise<AgencyRequest[]> {
    return this.db.models.AgencyRequest.findAll({
      where: { caseId },
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
    })
  }

  async findForCase(caseId: string, id: string): Promise<AgencyRequest | null> {
    return isUuid(id) ? this.db.models.AgencyRequest.findOne({ where: { id, caseId } }) : null
  }

  /** The messages sent about a request, newest first, for its page: reminders and escalation among them. */
  messagesFor(requestId: string) {
    return this.db.models.OutboxMessage.findAll({
      where: { requestId },
      attributes: ['id', 'kind', 'subject', 'toAddress', 'status', 'attempts', 'lastError', 'sentAt', 'createdAt'],
      order: [
        ['createdAt', 'DESC'],
        ['id', 'ASC'],
      ],
    })
  }

  /** The agency's named lead, to whom an overdue report is escalated; none for `other` or when not set up. */
  async leadFor(request: AgencyRequest) {
    return request.agency === 'other' ? null : this.db.models.AgencyLead.findByPk(request.agency)
  }

  async recordView(request: AgencyRequest, context: AuditContext): Promise<void> {
    await this.auditService.record(context, {
      action: 'agency_request_viewed',
      entityType: 'agency_request',
      entityId: request.id,
      details: { caseId: request.caseId, agency: request.agency },
    })
  }

  /**
   * Sends one request per contact, each with its own link. A case still `notified` moves to
   * information gathering, since that is what it now is.
   */
  async send(caseId: string, dueDate: string, contacts: NewContact[], context: AuditContext) {
    if (!contacts.length) throw new ServiceError('invalid', 'Select at least one agency')
    if (compareIsoDates(dueDate, this.today()) <= 0)
      throw new ServiceError('invalid', 'The due date must be in the future')
    const { requests, messageIds, movedToInformationGathering } = await this.db.transaction(async transaction => {
      const record = await this.db.models.Case.findByPk(caseId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!record) throw new ServiceError('not_found', 'Case not found')
      if (!this.canRequest(record)) throw new ServiceError('refused', 'Information cannot be requested for this case')
      await this.refuseDuplicates(caseId, contacts, transaction)
      const created: AgencyRequest[] = []
      const ids: string[] = []
      for (const contact of contacts) {
        const token = newLinkToken()
        const request = await this.db.models.AgencyRequest.create(
          {
            caseId,
            agency: contact.agency,
            agencyOther: contact.agency === 'other' ? contact.agencyOther : null,
            contactName: contact.contactName,
            contactEmail: contact.contactEmail,
            dueDate,
            tokenHash: hashLinkToken(token),
            tokenExpiresAt: this.linkExpiry(dueDate),
            requestedBy: context.actorUserId,
          },
          { transaction },
        )
        ids.push(await this.queueLinkEmail(request, token, false, transaction))
        await this.audit(context, 'agency_request_sent', request, transaction, { dueDate })
        created.push(request)
      }
      const moved = record.status === 'notified'
      if (moved) {
        await this.caseService.changeStatus(
          caseId,
          { to: 'information_gathering', version: record.version, reason: 'Information requested from agencies' },
          context,
          transaction,
        )
      }
      return { requests: created, messageIds: ids, movedToInformationGathering: moved }
    })
    const delivery = await this.outbox.deliver(messageIds)
    return { requests, delivery, movedToInformationGathering }
  }

  /** Stops the link working at once. The request stays open: a new link can be sent. */
  async revokeLink(request: AgencyRequest, version: number, context: AuditContext): Promise<void> {
    await this.db.transaction(async transaction => {
      const locked = await this.lock(request, version, transaction)
      if (locked.status !== 'requested' || locked.tokenRevokedAt)
        throw new ServiceError('refused', 'This link is not active, so there is nothing to revoke')
      await locked.update({ tokenRevokedAt: this.now() }, { transaction })
      await this.outbox.retireLinks(locked.id, transaction)
      await this.audit(context, 'agency_link_revoked', locked, transaction)
    })
  }

  /**
   * A new token replaces the old one (which stops working) and is e-mailed to the contact. The
   * agency's draft belongs to the request, not the link, so nothing typed is lost.
   */
  async reissueLink(request: AgencyRequest, version: number, context: AuditContext) {
    const messageId = await this.db.transaction(async transaction => {
      const locked = await this.lock(request, version, transaction)
      if (locked.status !== 'requested') throw new ServiceError('refused', 'This request is closed')
      // The old link stops working: take it out of the earlier messages before queueing the new one.
      await this.outbox.retireLinks(locked.id, transaction)
      const token = newLinkToken()
      await locked.update(
        { tokenHash: hashLinkToken(token), tokenExpiresAt: this.linkExpiry(locked.dueDate), tokenRevokedAt: null },
        { transaction },
      )
      const id = await this.queueLinkEmail(locked, token, true, transaction)
      await this.audit(context, 'agency_link_reissued', locked, transaction)
      return id
    })
    return this.outbox.deliver([messageId])
  }

  /** Cancels a request, or records that the agency had no involvement. The link stops working. */
  async close(request: AgencyRequest, outcome: CloseOutcome, reason: string, version: number, context: AuditContext) {
    await this.db.transaction(async transaction => {
      const locked = await this.lock(request, version, transaction)
      if (locked.status !== 'requested') throw new ServiceError('refused', 'This request is already closed')
      await locked.update({ status: outcome, closedReason: reason || null }, { transaction })
      await this.outbox.retireLinks(locked.id, transaction)
      await this.audit(
        context,
        outcome === 'cancelled' ? 'agency_request_cancelled' : 'agency_request_not_involved',
        locked,
        transaction,
      )
    })
  }

  /** A report that came another way (paper, secure e-mail), typed in by the coordinator. */
  async recordPaperReport(
    request: AgencyRequest,
    answers: Answers,
    receivedOn: string,
    version: number,
    context: AuditContext,
  ): Promise<void> {
    await this.db.transaction(async transaction => {
      const locked = await this.lock(request, version, transaction)
      if (locked.status !== 'requested') throw new ServiceError('refused', 'This request is already closed')
      const involved = answers.agency_involvement !== 'no'
      await this.outbox.retireLinks(locked.id, transaction)
      await locked.update(
        {
          status: involved ? 'received' : 'not_involved',
          closedReason: involved ? null : 'The agency reported no involvement',
          report: { formVersion: REPORT_FORM_VERSION, answers },
          reportDraft: null,
          // Midday in England, so the date reads the same however it is shown.
          submittedAt: new Date(`${receivedOn}T12:00:00Z`),
          receivedVia: 'paper',
        },
        { transaction },
      )
      await this.audit(context, 'agency_report_recorded', locked, transaction, { involved, receivedOn })
    })
  }

  /**
   * The link lives for the configured period, and never ends before the report is due plus 30
   * days, so an agency given a distant due date (or reminded when overdue) can still use it.
   */
  private linkExpiry(dueDate: string): Date {
    const configured = this.now().getTime() + this.settings.linkExpiryDays * 86_400_000
    const afterDue = new Date(`${addDays(dueDate, 30)}T23:59:59Z`).getTime()
    return new Date(Math.max(configured, afterDue))
  }

  private async queueLinkEmail(request: AgencyRequest, token: string, reissued: boolean, transaction: Transaction) {
    const context = await requestEmailContext(this.db, request, transaction)
    const email = requestEmail({
      ...context,
      link: `${this.baseUrl}${paths.agencyLink(token)}`,
      linkExpiresAt: request.tokenExpiresAt!,
      reissued,
    })
    return this.outbox.queue(
      {
        kind: 'agency_request',
        to: request.contactEmail,
        ...email,
        caseId: request.caseId,
        requestId: request.id,
      },
      transaction,
    )
  }

  /** The same agency and contact asked twice for one case is a double submission, not a new request. */
  private async refuseDuplicates(caseId: string, contacts: NewContact[], transaction: Transaction) {
    const open = await this.db.models.AgencyRequest.findAll({
      where: { caseId, status: 'requested', agency: { [Op.in]: contacts.map(c => c.agency) } },
      attributes: ['agency', 'contactEmail'],
      transaction,
    })
    const clash = contacts.find(c =>
      open.some(o => o.agency === c.agency && o.contactEmail.toLowerCase() === c.contactEmail.toLowerCase()),
    )
    if (clash)
      throw new ServiceError('duplicate', 'This contact already has an open request for this case', {
        agency: clash.agency,
      })
  }

  private async lock(request: AgencyRequest, version: number, transaction: Transaction): Promise<AgencyRequest> {
    const locked = await this.db.models.AgencyRequest.findByPk(request.id, {
      transaction,
      lock: transaction.LOCK.UPDATE,
    })
    if (!locked) throw new ServiceError('not_found', 'Request not found')
    if (locked.version !== version)
      throw new ServiceError('stale_version', 'Someone else changed this request while you were looking at it')
    return locked
  }

  /** Case timeline rows: the request and its agency, never the contact's name or address. */
  private audit(
    context: AuditContext,
    action:
      | 'agency_request_sent'
      | 'agency_link_revoked'
      | 'agency_link_reissued'
      | 'agency_request_cancelled'
      | 'agency_request_not_involved'
      | 'agency_report_recorded',
    request: AgencyRequest,
    transaction: Transaction,
    extra: Record<string, unknown> = {},
  ) {
    return this.auditService.record(
      context,
      {
        action,
        entityType: 'case',
        entityId: request.caseId,
        details: { requestId: request.id, agency: request.agency, ...extra },
      },
      transaction,
    )
  }
}
