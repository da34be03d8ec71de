import type { Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { AgencyRequest } from '../../db/models'
import paths from '../../paths'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import type OutboxService from '../mail/outboxService'
import ServiceError from '../serviceError'
import { confirmationEmail, reportReceivedEmail } from './emails'
import { hashLinkToken, isWellFormedLinkToken } from './linkToken'
import { REPORT_FORM_VERSION, answersFrom, type Answers } from '../../domain/agencyReport/questions'
import { requestEmailContext } from './requestEmailContext'
import { agencyName, linkState, type LinkRefusal } from './requestStatus'

/** Only what the agency needs to find the child in its own records: nothing else of the case. */
export interface ChildIdentity {
  caseRef: string
  name: string
  dateOfBirth: string
  dateOfDeath: string
  nhsNumber: string | null
}

export interface OpenLink {
  request: AgencyRequest
  agency: string
  child: ChildIdentity
  answers: Answers
}

export type LinkOutcome<T> = { ok: true; value: T } | { ok: false; reason: LinkRefusal }

const IDENTITY_ATTRIBUTES = ['caseRef', 'givenNames', 'familyName', 'dateOfBirth', 'dateOfDeath', 'nhsNumber'] as const

/**
 * The agency contact's side, reached only through the secure link. The token is checked on every
 * request (its shape first, then its hash); each refusal is audited with its reason, against the
 * case when the link belonged to one, so the coordinator sees why an agency could not get in.
 */
export default class AgencyLinkService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly outbox: OutboxService,
    private readonly baseUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Opening the link: the child's identifying details and any saved draft. */
  async open(token: string, context: AuditContext): Promise<LinkOutcome<OpenLink>> {
    const found = await this.usable(token, context)
    if (!found.ok) return found
    const request = found.value
    const record = await this.db.models.Case.findByPk(request.caseId, { attributes: [...IDENTITY_ATTRIBUTES] })
    await this.auditService.record(context, {
      action: 'agency_link_opened',
      entityType: 'agency_request',
      entityId: request.id,
      details: { caseId: request.caseId, agency: request.agency },
    })
    return {
      ok: true,
      value: {
        request,
        agency: agencyName(request),
        child: {
          caseRef: record!.caseRef,
          name: [record!.givenNames, record!.familyName].filter(Boolean).join(' ') || 'Name not recorded',
          dateOfBirth: record!.dateOfBirth,
          dateOfDeath: record!.dateOfDeath,
          nhsNumber: record!.nhsNumber,
        },
        answers: answersFrom(request.reportDraft),
      },
    }
  }

  /** Keeps the answers so far; nothing is checked beyond limits and codes. */
  async saveDraft(token: string, answers: Answers, version: number, context: AuditContext) {
    return this.withLockedRequest(token, version, context, async (request, transaction) => {
      await request.update(
        { reportDraft: { formVersion: REPORT_FORM_VERSION, answers }, draftSavedAt: this.now() },
        { transaction },
      )
      await this.auditService.record(
        context,
        {
          action: 'agency_report_draft_saved',
          entityType: 'agency_request',
          entityId: request.id,
          details: { caseId: request.caseId, agency: request.agency },
        },
        transaction,
      )
      return { version: request.version, savedAt: request.draftSavedAt! }
    })
  }

  /**
   * Submits the report: the request is answered (received, or not involved for a nil return), the
   * link is used up, and the contact and the coordinator who asked are told, after the commit.
   */
  async submit(token: string, answers: Answers, version: number, context: AuditContext) {
    const involved = answers.agency_involvement !== 'no'
    const outcome = await this.withLockedRequest(token, version, context, async (request, transaction) => {
      await request.update(
        {
          status: involved ? 'received' : 'not_involved',
          closedReason: involved ? null : 'The agency reported no involvement',
          report: { formVersion: REPORT_FORM_VERSION, answers },
          reportDraft: null,
          submittedAt: this.now(),
          receivedVia: 'link',
        },
        { transaction },
      )
      // The link is used up: no copy of it stays readable in the outbox.
      await this.outbox.retireLinks(request.id, transaction)
      const messageIds = await this.queueConfirmations(request, involved, transaction)
      await this.auditService.record(
        context,
        {
          action: 'agency_report_submitted',
          entityType: 'case',
          entityId: request.caseId,
          details: { requestId: request.id, agency: request.agency, involved },
        },
        transaction,
      )
      return messageIds
    })
    if (outcome.ok) await this.outbox.deliver(outcome.value)
    return outcome
  }

  /** Looks the token up and checks its link can still be used, auditing a refusal. */
  private async usable(token: string, context: AuditContext, transaction?: Transaction) {
    if (!isWellFormedLinkToken(token)) return this.refuse('tampered', null, context, transaction)
    const request = await this.db.models.AgencyRequest.findOne({
      where: { tokenHash: hashLinkToken(token) },
      transaction,
      ...(transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    })
    if (!request) return this.refuse('unknown', null, context, transaction)
    const state = linkState(request, this.now())
    if (state !== 'active') return this.refuse(state, request, context, transaction)
    return { ok: true as const, value: request }
  }

  private async withLockedRequest<T>(
    token: string,
    version: number,
    context: AuditContext,
    work: (request: AgencyRequest, transaction: Transaction) => Promise<T>,
  ): Promise<LinkOutcome<T>> {
    return this.db.transaction(async transaction => {
      const found = await this.usable(token, context, transaction)
      if (!found.ok) return found
      if (found.value.version !== version)
        throw new ServiceError(
          'stale_version',
          'These answers were saved from another window or device after you opened this page',
          { version: found.value.version },
        )
      return { ok: true as const, value: await work(found.value, transaction) }
    })
  }

  private async refuse(
    reason: LinkRefusal,
    request: AgencyRequest | null,
    context: AuditContext,
    transaction?: Transaction,
  ): Promise<{ ok: false; reason: LinkRefusal }> {
    await this.auditService.record(
      context,
      request
        ? {
            action: 'agency_link_refused',
            entityType: 'case',
            entityId: request.caseId,
            details: { requestId: request.id, agency: request.agency, reason },
          }
        : // No request to tie it to: kept in the audit log for the administrator to see attempts.
          { action: 'agency_link_refused', entityType: 'agency_link', details: { reason } },
      transaction,
    )
    return { ok: false, reason }
  }

  private async queueConfirmations(request: AgencyRequest, involved: boolean, transaction: Transaction) {
    const context = await requestEmailContext(this.db, request, transaction)
    const ids = [
      await this.outbox.queue(
        {
          kind: 'agency_confirmation',
          to: request.contactEmail,
          ...confirmationEmail({ ...context, involved }),
          caseId: request.caseId,
          requestId: request.id,
        },
        transaction,
      ),
    ]
    if (context.coordinator) {
      ids.push(
        await this.outbox.queue(
          {
            kind: 'report_received',
            to: context.coordinator.email,
            ...reportReceivedEmail({
              coordinatorName: context.coordinator.name,
              agency: context.agency,
              caseRef: context.caseRef,
              involved,
              caseLink: `${this.baseUrl}${paths.cases.show(request.caseId)}`,
            }),
            caseId: request.caseId,
            requestId: request.id,
          },
          transaction,
        ),
      )
    }
    return ids
  }
}
