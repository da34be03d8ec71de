import { QueryTypes, Transaction, UniqueConstraintError } from 'sequelize'
import type { Database } from '../db'
import type { Case } from '../db/models'
import { caseSections, type CaseAttribute, type CaseField } from '../forms/caseFields'
import { mergeRefusal, valuesDiffer } from '../domain/caseMerge'
import { caseDateProblems } from '../domain/caseRules'
import { todayInLondon } from '../domain/dates'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import ServiceError from './serviceError'
import { isUuid } from './userService'

/** Every field of the case record, as the case page shows them: what a merge compares. */
export const MERGE_FIELDS: CaseField[] = caseSections.flatMap(section => section.fields)

export interface MergeRequest {
  keepVersion: number
  otherVersion: number
  /** The fields whose value is taken from the other case; every other field keeps its own. */
  takeFromOther: CaseAttribute[]
}

export interface MergeResult {
  kept: Case
  moved: Record<string, number>
}

/**
 * Merges two records of the same child into the one the coordinator keeps, in one transaction:
 * the chosen values, then every row that belongs to the other case (agency requests, reviews,
 * status history, agenda items, actions, outbox messages, and any table added later with a
 * foreign key to cases) re-pointed to the kept case. The other case is marked merged with a link
 * to the kept one, never deleted. Audit rows are append-only and stay where they are: the kept
 * case's timeline reads them through the link (CaseService.timelineEvents).
 */
export default class CaseMergeService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The fields whose values differ between the two cases. */
  differingFields(keep: Case, other: Case): CaseField[] {
    return MERGE_FIELDS.filter(field => valuesDiffer(keep.get(field.attr), other.get(field.attr)))
  }

  /** The case a merged case was merged into, following a chain to the end. */
  async survivorOf(record: Case): Promise<Case | null> {
    let current: Case | null = record
    for (let hops = 0; current?.mergedIntoId && hops < 20; hops += 1) {
      current = await this.db.models.Case.findByPk(current.mergedIntoId)
    }
    return current && !current.mergedIntoId ? current : null
  }

  async merge(keepId: string, otherId: string, request: MergeRequest, context: AuditContext): Promise<MergeResult> {
    try {
      return await this.db.transaction(transaction => this.mergeIn(keepId, otherId, request, context, transaction))
    } catch (error) {
      if (error instanceof UniqueConstraintError)
        throw new ServiceError(
          'refused',
          'Both cases have something that a case can have only once: both on a meeting’s agenda, or both with a review in draft. Take one off its agenda, or finish or defer one review, then merge',
        )
      throw error
    }
  }

  private async mergeIn(
    keepId: string,
    otherId: string,
    request: MergeRequest,
    context: AuditContext,
    transaction: Transaction,
  ): Promise<MergeResult> {
    if (!isUuid(keepId) || !isUuid(otherId)) throw new ServiceError('not_found', 'Case not found')
    // Both rows locked, always in the same order, so two merges of the same pair cannot deadlock.
    const locked = await this.db.models.Case.findAll({
      where: { id: [keepId, otherId] },
      order: [['id', 'ASC']],
      lock: transaction.LOCK.UPDATE,
      transaction,
    })
    const keep = locked.find(c => c.id === keepId)
    const other = keepId === otherId ? keep : locked.find(c => c.id === otherId)
    if (!keep || !other) throw new ServiceError('not_found', 'Case not found')
    const refusal = mergeRefusal(keep, other)
    if (refusal) throw new ServiceError('refused', refusal.message)
    if (keep.version !== request.keepVersion || other.version !== request.otherVersion)
      throw new ServiceError('stale_version', 'Someone changed one of these cases while you were comparing them', {
        current: keep,
      })

    const allowed = new Set(MERGE_FIELDS.map(f => f.attr))
    const taken = [...new Set(request.takeFromOther)].filter(
      attr => allowed.has(attr) && valuesDiffer(keep.get(attr), other.get(attr)),
    )
    taken.forEach(attr => keep.set(attr, other.get(attr) as never))
    const problems = caseDateProblems(keep.get(), todayInLondon(this.now()))
    if (problems.length)
      throw new ServiceError('invalid', `These choices do not fit together: ${problems[0].message.toLowerCase()}`)
    keep.set('updatedAt', this.now())
    keep.changed('updatedAt', true)
    await keep.save({ transaction })

    const moved: Record<string, number> = {}
    for (const { table, column } of await this.referencesToCases(transaction)) {
      const [, count] = await this.db.sequelize.query(
        `UPDATE "${table}" SET "${column}" = :keepId WHERE "${column}" = :otherId`,
        { replacements: { keepId, otherId }, transaction, type: QueryTypes.UPDATE },
      )
      if (count) moved[table] = (moved[table] ?? 0) + count
    }
    // Cases merged earlier into the other case now point to the kept one.
    await this.db.sequelize.query('UPDATE cases SET merged_into_id = :keepId WHERE merged_into_id = :otherId', {
      replacements: { keepId, otherId },
      transaction,
    })
    await this.db.sequelize.query(
      `UPDATE cases SET status = 'merged', merged_into_id = :keepId, merged_at = :at, on_hold_reason = NULL,
         status_before_hold = NULL, version = version + 1, updated_at = :at WHERE id = :otherId`,
      { replacements: { keepId, otherId, at: this.now() }, transaction },
    )
    await this.db.sequelize.query(
      `INSERT INTO case_status_changes (case_id, from_status, to_status, reason, changed_by, changed_at)
       VALUES (:otherId, :from, 'merged', :reason, :by, :at)`,
      {
        replacements: {
          otherId,
          from: other.status,
          reason: `Merged into ${keep.caseRef}`,
          by: context.actorUserId ?? null,
          at: this.now(),
        },
        transaction,
      },
    )
    const fieldsTaken = MERGE_FIELDS.filter(f => taken.includes(f.attr)).map(f => f.name)
    await this.auditService.record(
      context,
      {
        action: 'case_merged',
        entityType: 'case',
        entityId: keepId,
        details: { mergedCaseId: otherId, mergedCaseRef: other.caseRef, fieldsTaken, moved },
      },
      transaction,
    )
    await this.auditService.record(
      context,
      {
        action: 'case_merged_into',
        entityType: 'case',
        entityId: otherId,
        details: { survivorId: keepId, survivorRef: keep.caseRef },
      },
      transaction,
    )
    return { kept: keep, moved }
  }

  /** Every column that references cases.id, found in the catalogue so later tables are included. */
  private async referencesToCases(transaction: Transaction): Promise<{ table: string; column: string }[]> {
    const rows = await this.db.sequelize.query<{ table: string; column: string }>(
      `SELECT child.relname AS "table", attribute.attname AS "column"
         FROM pg_constraint c
         JOIN pg_class child ON child.oid = c.conrelid
         JOIN pg_class parent ON parent.oid = c.confrelid
         JOIN pg_attribute attribute ON attribute.attrelid = c.conrelid AND attribute.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND parent.relname = 'cases' AND child.relnamespace = parent.relnamespace
          AND child.relname <> 'cases'
        ORDER BY 1, 2`,
      { type: QueryTypes.SELECT, transaction },
    )
    return rows.filter(r => /^[a-z_][a-z0-9_]*$/.test(r.table) && /^[a-z_][a-z0-9_]*$/.test(r.column))
  }
}
