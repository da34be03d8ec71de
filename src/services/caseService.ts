import { Op, Transaction, WhereOptions } from 'sequelize'
import type { Database } from '../db'
import type { Case, CaseStatusChange } from '../db/models'
import type { CaseAttribute } from '../forms/caseFields'
import type { CaseValues } from '../forms/readCaseForm'
import { findTransition } from '../domain/caseStatus'
import { birthDateVariants, DEATH_WINDOW_DAYS, matchDuplicate, type PersonKey } from '../domain/duplicateMatch'
import type { CaseStatus } from '../domain/codes'
import { addDays, isValidIsoDate, todayInLondon } from '../domain/dates'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import type CaseReferenceAllocator from './caseReferenceAllocator'
import ServiceError from './serviceError'
import { isUuid } from './userService'

export type DuplicateKey = PersonKey

export interface PossibleDuplicate {
  record: Case
  /** What matched, in words: "NHS number", "name similar", "date of birth with day and month swapped"… */
  labels: string[]
}

export interface StatusChangeRequest {
  to: CaseStatus
  reasonCode?: string | null
  reason?: string | null
  version: number
}

// What a person may enter on the notification form; everything else is the service's to set.
const NOTIFIABLE: CaseAttribute[] = [
  'givenNames',
  'familyName',
  'nhsNumber',
  'nhsNumberMissingReason',
  'dateOfBirth',
  'dateOfDeath',
  'timeOfDeath',
  'sex',
  'ethnicity',
  'postcode',
  'localAuthority',
  'ward',
  'resident',
  'placeOfDeath',
  'expected',
  'suspectedStillbirthAtHome',
  'notifiedAt',
  'notifierName',
  'notifierRole',
  'notifierOrganisation',
  'notifierContact',
  'circumstances',
  'keyWorker',
  'familyLeafletSentOn',
  'familyQuestions',
]

const pick = (values: CaseValues, allowed: CaseAttribute[]): CaseValues =>
  Object.fromEntries(Object.entries(values).filter(([key]) => allowed.includes(key as CaseAttribute))) as CaseValues

export default class CaseService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly references: CaseReferenceAllocator,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return todayInLondon(this.now())
  }

  async findById(id: string, transaction?: Transaction): Promise<Case | null> {
    return isUuid(id) ? this.db.models.Case.findByPk(id, { transaction }) : null
  }

  /** The case with this reference (case-insensitive), merged or not. */
  async findByReference(ref: string): Promise<Case | null> {
    return this.db.models.Case.findOne({ where: { caseRef: ref.trim().toUpperCase() } })
  }

  /**
   * Cases that may be the same child (domain/duplicateMatch.ts decides and explains). The query
   * only narrows, each part through an index: the same NHS number; or a date of birth a typist
   * could have meant (index on date of birth, date of death, sex) with a death within the window.
   * Merged cases are left out: their survivor stands for them.
   */
  async findPossibleDuplicates(key: DuplicateKey, excludeId?: string): Promise<PossibleDuplicate[]> {
    const either: WhereOptions<Case>[] = []
    if (key.nhsNumber) either.push({ nhsNumber: key.nhsNumber })
    if (key.dateOfBirth && key.dateOfDeath && isValidIsoDate(key.dateOfDeath)) {
      either.push({
        dateOfBirth: { [Op.in]: birthDateVariants(key.dateOfBirth) },
        dateOfDeath: {
          [Op.between]: [addDays(key.dateOfDeath, -DEATH_WINDOW_DAYS), addDays(key.dateOfDeath, DEATH_WINDOW_DAYS)],
        },
      })
    }
    if (!either.length) return []
    const candidates = await this.db.models.Case.findAll({
      where: {
        [Op.or]: either,
        status: { [Op.ne]: 'merged' },
        ...(excludeId ? { id: { [Op.ne]: excludeId } } : {}),
      },
      order: [['notifiedAt', 'DESC']],
      limit: 200,
    })
    return candidates
      .map(record => ({ record, match: matchDuplicate(key, record) }))
      .filter(c => c.match)
      .slice(0, 10)
      .map(c => ({ record: c.record, labels: c.match!.labels }))
  }

  async notify(
    values: CaseValues,
    context: AuditContext,
    options: { confirmedDifferentFrom?: string[] } = {},
  ): Promise<Case> {
    return this.db.transaction(async transaction => {
      const notifiedAt = values.notifiedAt ?? this.today()
      const caseRef = await this.references.next(Number(notifiedAt.slice(0, 4)), transaction)
      const created = await this.db.models.Case.create(
        {
          ...(pick(values, NOTIFIABLE) as Case),
          caseRef,
          notifiedAt,
          status: 'notified',
          createdBy: context.actorUserId,
        },
        { transaction },
      )
      await this.db.models.CaseStatusChange.create(
        {
          caseId: created.id,
          fromStatus: null,
          toStatus: 'notified',
          reasonCode: null,
          reason: 'Death notified',
          changedBy: context.actorUserId,
        },
        { transaction },
      )
      await this.auditService.record(
        context,
        {
          action: 'case_notified',
          entityType: 'case',
          entityId: created.id,
          details: {
            caseRef,
            ...(options.confirmedDifferentFrom?.length
              ? { confirmedNotDuplicateOf: options.confirmedDifferentFrom }
              : {}),
          },
        },
        transaction,
      )
      return created
    })
  }

  /**
   * Saves one section. `version` is the version the editor loaded: if someone saved since, nothing
   * is written and the caller gets the current record to show what changed.
   */
  async updateSection(
    id: string,
    section: string,
    values: CaseValues,
    allowed: CaseAttribute[],
    version: number,
    context: AuditContext,
  ): Promise<Case> {
    return this.db.transaction(async transaction => {
      const record = await this.lock(id, version, transaction)
      const changes = pick(values, allowed)
      const changed = Object.keys(changes).filter(
        key => String(record.get(key as CaseAttribute) ?? '') !== String(changes[key as CaseAttribute] ?? ''),
      )
      if (!changed.length) return record
      record.set(changes)
      await record.save({ transaction })
      // Only the names of what changed: the values are identifiable and live in the record itself.
      await this.auditService.record(
        context,
        { action: 'case_updated', entityType: 'case', entityId: id, details: { section, fields: changed } },
        transaction,
      )
      return record
    })
  }

  async changeStatus(
    id: string,
    request: StatusChangeRequest,
    context: AuditContext,
    transaction?: Transaction,
  ): Promise<Case> {
    const work = async (t: Transaction) => {
      const record = await this.lock(id, request.version, t)
      const from = record.status
      const transition = findTransition(from, request.to, { heldFrom: record.statusBeforeHold })
      if (!transition)
        throw new ServiceError(
          'refused',
          `A case that is ${from.replace(/_/g, ' ')} cannot be moved to ${request.to.replace(/_/g, ' ')}`,
        )
      if (transition.needsReason && !request.reason?.trim())
        throw new ServiceError('invalid', 'Give a reason for this change')
      if (transition.reasonCodes && !transition.reasonCodes.includes(request.reasonCode as never)) {
        throw new ServiceError('invalid', 'Select why the case is on hold')
      }
      record.status = request.to
      if (request.to === 'on_hold') {
        record.onHoldReason = request.reasonCode as Case['onHoldReason']
        record.statusBeforeHold = from
      } else {
        record.onHoldReason = null
        record.statusBeforeHold = null
      }
      if (from === 'reviewed') {
        // A reopened case leaves the reviews of its year until the panel reviews it again.
        record.reviewDate = null
        record.category = null
        record.modifiableFactors = null
        record.preventability = null
      }
      await record.save({ transaction: t })
      await this.db.models.CaseStatusChange.create(
        {
          caseId: id,
          fromStatus: from,
          toStatus: request.to,
          reasonCode: request.reasonCode ?? null,
          reason: request.reason?.trim() || null,
          changedBy: context.actorUserId,
        },
        { transaction: t },
      )
      await this.auditService.record(
        context,
        {
          action: 'case_status_changed',
          entityType: 'case',
          entityId: id,
          details: { from, to: request.to, reasonCode: request.reasonCode ?? null },
        },
        t,
      )
      return record
    }
    return transaction ? work(transaction) : this.db.transaction(work)
  }

  statusHistory(id: string): Promise<CaseStatusChange[]> {
    return this.db.models.CaseStatusChange.findAll({
      where: { caseId: id },
      include: [{ association: 'changer', attributes: ['name'] }],
      order: [['id', 'DESC']],
    })
  }

  /**
   * The case's own audit rows (views left out), newest first, with those of any case merged into
   * it: audit rows are never changed, so a merge is followed through the merged case's link.
   */
  async timelineEvents(id: string, limit = 100) {
    const merged = isUuid(id)
      ? await this.db.models.Case.findAll({ where: { mergedIntoId: id }, attributes: ['id'] })
      : []
    return this.db.models.AuditEvent.findAll({
      where: { entityType: 'case', entityId: [id, ...merged.map(m => m.id)], action: { [Op.ne]: 'case_viewed' } },
      include: [{ association: 'actor', attributes: ['name'] }],
      order: [['id', 'DESC']],
      limit,
    })
  }

  async recordView(id: string, context: AuditContext): Promise<void> {
    await this.auditService.record(context, { action: 'case_viewed', entityType: 'case', entityId: id })
  }

  private async lock(id: string, version: number, transaction: Transaction): Promise<Case> {
    const record = isUuid(id)
      ? await this.db.models.Case.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE })
      : null
    if (!record) throw new ServiceError('not_found', 'Case not found')
    if (record.version !== version) {
      throw new ServiceError('stale_version', 'Someone else changed this case while you were working on it', {
        current: record,
      })
    }
    return record
  }
}
