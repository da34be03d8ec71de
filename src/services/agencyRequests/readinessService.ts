import type { Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { Case } from '../../db/models'
import { onHoldReasons } from '../../domain/codes'
import { recordGaps, type RecordGap } from '../../domain/readiness'
import { formatGovukDate, todayInLondon } from '../../domain/dates'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import type { StatusChangeRequest } from '../caseService'
import ServiceError from '../serviceError'
import { agencyName, displayStatus } from './requestStatus'

export type MissingItem =
  | { kind: 'agency_report'; text: string; requestId: string; agency: string; overdue: boolean }
  | RecordGap
  | { kind: 'on_hold'; text: string; reason: string | null }

/** The reason code kept in the status history when a case goes to panel with items missing. */
export const READINESS_OVERRIDE = 'readiness_override'

/**
 * What a case still lacks before the panel can review it, and the gate on `ready_for_panel`: with
 * anything missing the move needs an explicit override and a reason, both kept in the status
 * history and the audit log.
 */
export default class ReadinessService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly caseService: CaseService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async missingItems(caseId: string, transaction?: Transaction): Promise<MissingItem[]> {
    const record = await this.db.models.Case.findByPk(caseId, {
      attributes: ['id', 'status', 'onHoldReason', 'postMortem', 'anonymisedCircumstances', 'expected', 'jarRequired'],
      transaction,
    })
    if (!record) throw new ServiceError('not_found', 'Case not found')
    return this.missingFor(record, transaction)
  }

  async missingFor(record: Case, transaction?: Transaction): Promise<MissingItem[]> {
    const today = todayInLondon(this.now())
    const outstanding = await this.db.models.AgencyRequest.findAll({
      where: { caseId: record.id, status: 'requested' },
      attributes: ['id', 'agency', 'agencyOther', 'status', 'dueDate'],
      order: [['dueDate', 'ASC']],
      transaction,
    })
    const items: MissingItem[] = outstanding.map(request => {
      const overdue = displayStatus(request, today) === 'overdue'
      return {
        kind: 'agency_report',
        requestId: request.id,
        agency: request.agency,
        overdue,
        text: `Report from ${agencyName(request)} ${overdue ? 'overdue since' : 'due'} ${formatGovukDate(request.dueDate)}`,
      }
    })
    // Everything else the panel's pack needs from the case record: one rule with the pack's own list.
    items.push(...recordGaps(record))
    if (record.status === 'on_hold') {
      items.push({
        kind: 'on_hold',
        reason: record.onHoldReason,
        text: `The case is on hold${record.onHoldReason ? ` (${onHoldReasons.label(record.onHoldReason).toLowerCase()})` : ''}`,
      })
    }
    return items
  }

  /**
   * Changes the status, refusing `ready_for_panel` while items are missing unless overridden with
   * a reason. Leaving hold resolves "on hold" itself, so that item does not block its own end.
   */
  async changeStatus(
    caseId: string,
    request: StatusChangeRequest,
    override: { confirmed: boolean; reason: string },
    context: AuditContext,
  ) {
    return this.db.transaction(async transaction => {
      if (request.to !== 'ready_for_panel') return this.caseService.changeStatus(caseId, request, context, transaction)
      const record = await this.db.models.Case.findByPk(caseId, { transaction, lock: transaction.LOCK.UPDATE })
      if (!record) throw new ServiceError('not_found', 'Case not found')
      const missing = (await this.missingFor(record, transaction)).filter(item => item.kind !== 'on_hold')
      if (!missing.length) return this.caseService.changeStatus(caseId, request, context, transaction)
      if (!override.confirmed || !override.reason.trim())
        throw new ServiceError('refused', 'The case is missing information: confirm it can go to panel without it', {
          missing,
        })
      const changed = await this.caseService.changeStatus(
        caseId,
        { ...request, reasonCode: READINESS_OVERRIDE, reason: override.reason.trim() },
        context,
        transaction,
      )
      await this.auditService.record(
        context,
        {
          action: 'case_readiness_overridden',
          entityType: 'case',
          entityId: caseId,
          details: {
            to: request.to,
            reason: override.reason.trim(),
            // Codes and ids only: the words are rebuilt from the records when shown.
            missing: missing.map(item =>
              item.kind === 'agency_report'
                ? { kind: item.kind, requestId: item.requestId, agency: item.agency, overdue: item.overdue }
                : { kind: item.kind, ...(item.kind === 'post_mortem' ? { status: item.status } : {}) },
            ),
          },
        },
        transaction,
      )
      return changed
    })
  }
}
