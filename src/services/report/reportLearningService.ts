import { QueryTypes } from 'sequelize'
import type { Database } from '../../db'
import type ReportLearningItem from '../../db/models/ReportLearningItem'
import type { LearningDecision, LearningSourceType } from '../../db/models/ReportLearningItem'
import { categories } from '../../domain/codes'
import { financialYearOf, parseFinancialYear } from '../../domain/financialYear'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import { identifiersIn, redactIdentifiers } from '../meetings/redactIdentifiers'
import ServiceError from '../serviceError'
import { isUuid } from '../userService'
import { caseIdentifiersFor, identifierRefusal } from './caseIdentifiers'

export type LearningKind = 'learning' | 'recommendation'

export const LEARNING_SOURCE_TYPES: LearningSourceType[] = ['review', 'action', 'case']
export const CURATED_TEXT_MAX = 4000

/** One learning point or recommendation of the year, as the curation list shows it: never its original text. */
export interface LearningEntry {
  sourceType: LearningSourceType
  sourceId: string
  caseId: string
  caseRef: string
  financialYear: string
  /** The category of death (1–10), or null when the review recorded none. */
  category: number | null
  categoryLabel: string
  kind: LearningKind
  /** From a case history import rather than a review recorded here. */
  imported: boolean
  decision: LearningDecision | null
  curatedText: string | null
  decidedBy: string | null
  /** The name of the person who decided, when their account is known. */
  decidedByName: string | null
  decidedAt: Date | null
  /** The decision's version for optimistic locking; null before the first decision. */
  version: number | null
}

/** One entry with its original (identifiable) text, for the coordinator curating it. */
export interface LearningSource extends LearningEntry {
  originalText: string
}

export interface CuratedLearning {
  category: string
  kind: LearningKind
  text: string
}

export interface LearningChoice {
  decision: LearningDecision
  curatedText: string | null
}

interface SourceRow {
  sourceType: LearningSourceType
  sourceId: string
  caseId: string
  caseRef: string
  reviewDate: string
  category: number | null
  kind: LearningKind
  imported: boolean
  text: string
}

export const NO_CATEGORY = 'No category recorded'
export const categoryLabel = (category: number | null) =>
  category === null ? NO_CATEGORY : `Category ${category}: ${categories.label(String(category))}`

/**
 * The year's learning: the learning points of reviews finalised in the financial year (review
 * date from 1 April to 31 March; final, or final then superseded by a later review), their
 * recommendations (the actions recorded with them), and the learning points of imported cases
 * reviewed in the year. `:start`/`:end` bound the review date; `:sourceType`/`:sourceId` pick one.
 */
const SOURCES_SQL = (where: string) => `
  SELECT * FROM (
    SELECT 'review' AS "sourceType", r.id AS "sourceId", r.case_id AS "caseId", c.case_ref AS "caseRef",
           r.review_date::text AS "reviewDate", r.category, 'learning' AS kind, false AS imported, r.learning_points AS text
      FROM case_reviews r JOIN cases c ON c.id = r.case_id
     WHERE r.status IN ('final', 'superseded') AND btrim(coalesce(r.learning_points, '')) <> ''
    UNION ALL
    SELECT 'action', a.id, a.case_id, c.case_ref, r.review_date::text, r.category, 'recommendation', false, a.description
      FROM actions a JOIN case_reviews r ON r.id = a.review_id JOIN cases c ON c.id = a.case_id
     WHERE r.status IN ('final', 'superseded') AND btrim(a.description) <> ''
    UNION ALL
    SELECT 'case', c.id, c.id, c.case_ref, c.review_date::text, c.category, 'learning', true, c.learning_points
      FROM cases c
     WHERE c.imported AND c.status = 'reviewed' AND btrim(coalesce(c.learning_points, '')) <> ''
  ) s
  WHERE ${where}
  ORDER BY s.category NULLS LAST, s.kind, s."caseRef", s."sourceId"`

/**
 * The coordinator's curation of the year's learning for the annual report. Reviews' free text can
 * name people, so nothing goes into the report until the coordinator includes it with wording of
 * their own, which is refused while it still holds any of the case's identifiers (by the same
 * patterns as the panel packs' redaction), and checked and redacted again whenever it is read out.
 */
export default class ReportLearningService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
  ) {}

  /** The year's learning points and recommendations with their decisions; the list view is audited. */
  async listForYear(financialYear: string, context: AuditContext): Promise<LearningEntry[]> {
    const entries = await this.entriesForYear(financialYear)
    await this.auditService.record(context, {
      action: 'report_learning_listed',
      entityType: 'report',
      entityId: financialYear,
      details: { financialYear, shown: entries.length, caseIds: [...new Set(entries.map(e => e.caseId))] },
    })
    return entries
  }

  /** One learning point or recommendation with its original text: a view of identifiable data, audited. */
  async source(sourceType: string, sourceId: string, context: AuditContext): Promise<LearningSource | null> {
    const found = await this.findSource(sourceType, sourceId)
    if (!found) return null
    await this.auditService.record(context, {
      action: 'report_learning_viewed',
      entityType: 'case',
      entityId: found.caseId,
      details: { sourceType: found.sourceType, sourceId: found.sourceId, financialYear: found.financialYear },
    })
    return found
  }

  /**
   * Records the decision on one learning point or recommendation, unless someone decided since
   * `version` (null: nobody had when the page was opened). Included wording must not hold the case's
   * identifiers. Audited, in the same transaction.
   */
  async decide(
    sourceType: string,
    sourceId: string,
    choice: LearningChoice,
    version: number | null,
    context: AuditContext,
  ): Promise<ReportLearningItem> {
    const found = await this.findSource(sourceType, sourceId)
    if (!found) throw new ServiceError('not_found', 'Learning point not found')
    const curatedText = choice.decision === 'include' ? (choice.curatedText?.trim() ?? '') : null
    if (choice.decision === 'include') {
      if (!curatedText)
        throw new ServiceError('invalid', 'Enter the wording for the report, or choose to leave it out', {
          field: 'curated_text',
        })
      if (curatedText.length > CURATED_TEXT_MAX)
        throw new ServiceError('invalid', 'The wording for the report must be 4,000 characters or fewer', {
          field: 'curated_text',
        })
      const ids = (await caseIdentifiersFor(this.db, [found.caseId])).get(found.caseId) ?? {}
      const kinds = identifiersIn(curatedText, ids)
      if (kinds.length) throw new ServiceError('invalid', identifierRefusal(kinds), { field: 'curated_text', kinds })
    }
    return this.db.transaction(async transaction => {
      const { ReportLearningItem: Item } = this.db.models
      const existing = await Item.findOne({
        where: { sourceType: found.sourceType, sourceId: found.sourceId },
        transaction,
        lock: transaction.LOCK.UPDATE,
      })
      if ((existing?.version ?? null) !== version) {
        throw new ServiceError(
          'stale_version',
          'Someone else decided on this learning point while you were working on it',
          {
            current: existing,
          },
        )
      }
      const values = { decision: choice.decision, curatedText, decidedBy: context.actorUserId, decidedAt: new Date() }
      let item: ReportLearningItem
      if (existing) {
        existing.set(values)
        item = await existing.save({ transaction })
      } else {
        // Two first decisions at once: the unique index refuses the second, which is then stale.
        try {
          item = await Item.create(
            { sourceType: found.sourceType, sourceId: found.sourceId, caseId: found.caseId, ...values },
            { transaction },
          )
        } catch (error) {
          if ((error as { name?: string }).name === 'SequelizeUniqueConstraintError')
            throw new ServiceError(
              'stale_version',
              'Someone else decided on this learning point while you were working on it',
            )
          throw error
        }
      }
      await this.auditService.record(
        context,
        {
          action: 'report_learning_decided',
          entityType: 'case',
          entityId: found.caseId,
          details: {
            sourceType: found.sourceType,
            sourceId: found.sourceId,
            financialYear: found.financialYear,
            decision: choice.decision,
          },
        },
        transaction,
      )
      return item
    })
  }

  /**
   * What the annual report may print: only learning the coordinator included, in their curated
   * wording (never the original), checked again against the case's identifiers as they are now
   * (an entry that fails is left out) and passed through the packs' redaction. By category, then kind.
   */
  async curatedForYear(financialYear: string): Promise<CuratedLearning[]> {
    const included = (await this.entriesForYear(financialYear)).filter(
      e => e.decision === 'include' && e.curatedText?.trim(),
    )
    const identifiers = await caseIdentifiersFor(this.db, [...new Set(included.map(e => e.caseId))])
    return included.flatMap(e => {
      const ids = identifiers.get(e.caseId) ?? {}
      const text = e.curatedText!.trim()
      if (identifiersIn(text, ids).length) return []
      return [{ category: e.categoryLabel, kind: e.kind, text: redactIdentifiers(text, ids) }]
    })
  }

  private async entriesForYear(financialYear: string): Promise<LearningEntry[]> {
    const fy = parseFinancialYear(financialYear)
    if (!fy) throw new ServiceError('invalid', 'Enter a financial year such as 2016-17')
    const rows = await this.query(`s."reviewDate"::date BETWEEN :start AND :end`, { start: fy.start, end: fy.end })
    return this.withDecisions(rows, financialYear)
  }

  private async findSource(sourceType: string, sourceId: string): Promise<LearningSource | null> {
    if (!LEARNING_SOURCE_TYPES.includes(sourceType as LearningSourceType) || !isUuid(sourceId)) return null
    const rows = await this.query(`s."sourceType" = :sourceType AND s."sourceId" = :sourceId`, {
      sourceType,
      sourceId,
    })
    if (!rows.length || !rows[0].reviewDate) return null
    const [entry] = await this.withDecisions(rows)
    return { ...entry, originalText: rows[0].text }
  }

  private async query(where: string, replacements: Record<string, string>): Promise<SourceRow[]> {
    const rows = (await this.db.sequelize.query(SOURCES_SQL(where), {
      replacements,
      type: QueryTypes.SELECT,
    })) as SourceRow[]
    return rows.map(row => ({ ...row, category: row.category === null ? null : Number(row.category) }))
  }

  private async withDecisions(rows: SourceRow[], financialYear?: string): Promise<LearningEntry[]> {
    const items = rows.length
      ? await this.db.models.ReportLearningItem.findAll({
          where: { sourceId: rows.map(r => r.sourceId) },
        })
      : []
    const byKey = new Map(items.map(i => [`${i.sourceType}:${i.sourceId}`, i]))
    const deciders = [...new Set(items.map(i => i.decidedBy).filter((id): id is string => !!id))]
    const users = deciders.length
      ? await this.db.models.User.findAll({ where: { id: deciders }, attributes: ['id', 'name'] })
      : []
    const names = new Map(users.map(u => [u.id, u.name]))
    return rows.map(row => {
      const item = byKey.get(`${row.sourceType}:${row.sourceId}`)
      return {
        sourceType: row.sourceType,
        sourceId: row.sourceId,
        caseId: row.caseId,
        caseRef: row.caseRef,
        financialYear: financialYear ?? financialYearOf(row.reviewDate),
        category: row.category,
        categoryLabel: categoryLabel(row.category),
        kind: row.kind,
        imported: row.imported,
        decision: item?.decision ?? null,
        curatedText: item?.curatedText ?? null,
        decidedBy: item?.decidedBy ?? null,
        decidedByName: item?.decidedBy ? (names.get(item.decidedBy) ?? null) : null,
        decidedAt: item?.decidedAt ?? null,
        version: item ? item.version : null,
      }
    })
  }
}
