import { literal, Op, QueryTypes, WhereOptions } from 'sequelize'
import type { Database } from '../../db'
import type { Action } from '../../db/models'
import type { ActionLevel, ActionStatus } from '../../domain/codes'
import { actionStatuses } from '../../domain/codes'
import { todayInLondon } from '../../domain/dates'
import { parseFinancialYear } from '../../domain/financialYear'
import { actionCompletionProblem, isActionOverdue } from '../../domain/reviewRules'
import { identifiersIn, redactIdentifiers } from '../meetings/redactIdentifiers'
import { caseIdentifiersFor } from '../report/caseIdentifiers'
import { categoryLabel } from '../report/reportLearningService'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'
import { isUuid } from '../userService'

export interface ActionQuery {
  status?: ActionStatus
  level?: ActionLevel
  /** Part of the owner organisation's name, any case. */
  owner?: string
  overdueOnly?: boolean
  /** The theme: the category of death of the review the action came from, or 'none' for an action without one. */
  theme?: string
  page: number
  pageSize: number
}

/** An action's theme: the category of death (1–10) of the review it came from, or null without one. */
export type ActionTheme = number | null

export interface ThemeCounts {
  theme: ActionTheme
  open: number
  overdue: number
  completed: number
}

export interface CompletedAction {
  id: string
  caseId: string
  caseRef: string
  theme: ActionTheme
  description: string
  evidenceOfImpact: string
  completedOn: Date
}

export interface ActionChanges {
  status: ActionStatus
  dueDate: string | null
  ownerOrganisation: string | null
  evidenceOfImpact: string | null
}

const STILL_TO_DO: ActionStatus[] = ['open', 'in_progress']

/** One action of the year's recommendations, as the annual report prints it: anonymised. */
export interface ReportAction {
  description: string
  ownerAgency: string
  /** The status in words ("In progress"). */
  status: string
  dueDate: string | null
  overdue: boolean
  evidence: string | null
  /** For the coordinator's page, not for the document. */
  actionId: string
  caseId: string
  /** 'curated': the coordinator's wording from the learning page; 'redacted': the original with the case's identifiers taken out. */
  wording: 'curated' | 'redacted'
}

export interface ActionsReport {
  themes: { theme: string; actions: ReportAction[] }[]
  counts: { open: number; completed: number; overdue: number }
}

// Live actions: those of a finalised review (still tracked if the review is later superseded) or
// recorded without one. A draft's recommendations are not actions until the panel finalises it.
const LIVE = literal(
  `("action"."review_id" IS NULL OR "action"."review_id" IN (SELECT id FROM case_reviews WHERE status IN ('final', 'superseded')))`,
)

// Live actions whose review has no category (or that have no review).
const NO_THEME = `("action"."review_id" IS NULL OR "action"."review_id" IN (SELECT id FROM case_reviews WHERE category IS NULL))`

const escapeLike = (value: string) => value.replace(/[\\%_]/g, c => `\\${c}`)

/** The actions the panel's recommendations became: listed across all cases and tracked until closed. */
export default class ActionService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return todayInLondon(this.now())
  }

  /** Filtered; overdue first, then by due date (undated last). */
  async search(query: ActionQuery): Promise<{ rows: Action[]; count: number }> {
    const today = this.today()
    const where: WhereOptions<Action>[] = [LIVE as unknown as WhereOptions<Action>]
    if (query.status) where.push({ status: query.status })
    if (query.level) where.push({ level: query.level })
    if (query.owner) where.push({ ownerOrganisation: { [Op.iLike]: `%${escapeLike(query.owner)}%` } })
    if (query.overdueOnly) where.push({ dueDate: { [Op.lt]: today }, status: { [Op.in]: STILL_TO_DO } })
    if (query.theme === 'none') where.push(literal(NO_THEME) as unknown as WhereOptions<Action>)
    else if (query.theme)
      where.push(
        literal(
          `"action"."review_id" IN (SELECT id FROM case_reviews WHERE category = ${this.db.sequelize.escape(Number(query.theme))})`,
        ) as unknown as WhereOptions<Action>,
      )
    const overdueFirst = literal(
      `CASE WHEN "action"."due_date" < ${this.db.sequelize.escape(today)} AND "action"."status" IN ('open', 'in_progress') THEN 0 ELSE 1 END`,
    )
    return this.db.models.Action.findAndCountAll({
      where: { [Op.and]: where },
      include: [{ association: 'case', attributes: ['id', 'caseRef'] }],
      order: [
        [overdueFirst, 'ASC'],
        literal('"action"."due_date" ASC NULLS LAST'),
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    })
  }

  /** Per theme (the review's category of death): live actions open, overdue, and completed. */
  async themeCounts(): Promise<ThemeCounts[]> {
    const rows = (await this.db.sequelize.query(
      `SELECT r.category AS theme,
              count(*) FILTER (WHERE a.status IN ('open', 'in_progress'))::int AS open,
              count(*) FILTER (WHERE a.status IN ('open', 'in_progress') AND a.due_date < :today)::int AS overdue,
              count(*) FILTER (WHERE a.status = 'complete')::int AS completed
         FROM actions a LEFT JOIN case_reviews r ON r.id = a.review_id
        WHERE a.review_id IS NULL OR r.status IN ('final', 'superseded')
        GROUP BY r.category
        ORDER BY r.category NULLS LAST`,
      { replacements: { today: this.today() }, type: QueryTypes.SELECT },
    )) as { theme: number | null; open: number; overdue: number; completed: number }[]
    return rows.map(row => ({ ...row, theme: row.theme === null ? null : Number(row.theme) }))
  }

  /** Completed live actions with their evidence of impact, by theme, latest first within each. */
  async completedWithEvidence(limit = 200): Promise<CompletedAction[]> {
    const rows = (await this.db.sequelize.query(
      `SELECT a.id, a.case_id AS "caseId", c.case_ref AS "caseRef", r.category AS theme, a.description,
              a.evidence_of_impact AS "evidenceOfImpact", a.updated_at AS "completedOn"
         FROM actions a
         JOIN cases c ON c.id = a.case_id
         LEFT JOIN case_reviews r ON r.id = a.review_id
        WHERE a.status = 'complete' AND (a.review_id IS NULL OR r.status IN ('final', 'superseded'))
        ORDER BY r.category NULLS LAST, a.updated_at DESC, a.id
        LIMIT :limit`,
      { replacements: { limit }, type: QueryTypes.SELECT },
    )) as CompletedAction[]
    return rows.map(row => ({
      ...row,
      theme: row.theme === null ? null : Number(row.theme),
      evidenceOfImpact: row.evidenceOfImpact ?? '',
    }))
  }

  /**
   * The actions and their impact for the annual report: the actions recorded with reviews
   * finalised in the financial year (review date 1 April to 31 March; the review final, or final
   * then superseded), by theme (the review's category of death). Descriptions are the coordinator's
   * curated wording where they included the recommendation on the learning page (and it still
   * passes the identifier check), otherwise the original with the case's identifiers redacted as in
   * the packs; owner and evidence of impact are redacted the same way. Open counts open and in
   * progress; overdue, those of them due before today; completed, those complete (not accepted
   * counts in none).
   */
  async reportForYear(financialYear: string): Promise<ActionsReport> {
    const fy = parseFinancialYear(financialYear)
    if (!fy) throw new ServiceError('invalid', 'Enter a financial year such as 2016-17')
    const rows = (await this.db.sequelize.query(
      `SELECT a.id, a.case_id AS "caseId", a.description, a.owner_organisation AS "ownerOrganisation",
              a.status, a.due_date::text AS "dueDate", a.evidence_of_impact AS "evidenceOfImpact",
              r.category, li.decision, li.curated_text AS "curatedText"
         FROM actions a
         JOIN case_reviews r ON r.id = a.review_id
         LEFT JOIN report_learning_items li ON li.source_type = 'action' AND li.source_id = a.id
        WHERE r.status IN ('final', 'superseded') AND r.review_date BETWEEN :start AND :end
        ORDER BY r.category NULLS LAST, a.due_date ASC NULLS LAST, a.created_at, a.id`,
      { replacements: { start: fy.start, end: fy.end }, type: QueryTypes.SELECT },
    )) as {
      id: string
      caseId: string
      description: string
      ownerOrganisation: string | null
      status: ActionStatus
      dueDate: string | null
      evidenceOfImpact: string | null
      category: number | null
      decision: string | null
      curatedText: string | null
    }[]
    const identifiers = await caseIdentifiersFor(this.db, [...new Set(rows.map(r => r.caseId))])
    const today = this.today()
    const themes = new Map<string, ReportAction[]>()
    const counts = { open: 0, completed: 0, overdue: 0 }
    rows.forEach(row => {
      const ids = identifiers.get(row.caseId) ?? {}
      const curated = row.decision === 'include' ? row.curatedText?.trim() : undefined
      const useCurated = !!curated && !identifiersIn(curated, ids).length
      const overdue = isActionOverdue(row, today)
      if (STILL_TO_DO.includes(row.status)) counts.open += 1
      if (row.status === 'complete') counts.completed += 1
      if (overdue) counts.overdue += 1
      const evidence = row.evidenceOfImpact?.trim()
      const theme = categoryLabel(row.category === null ? null : Number(row.category))
      if (!themes.has(theme)) themes.set(theme, [])
      themes.get(theme)!.push({
        description: useCurated ? redactIdentifiers(curated!, ids) : redactIdentifiers(row.description, ids),
        ownerAgency: row.ownerOrganisation?.trim()
          ? redactIdentifiers(row.ownerOrganisation.trim(), ids)
          : 'Not recorded',
        status: actionStatuses.label(row.status),
        dueDate: row.dueDate,
        overdue,
        evidence: evidence ? redactIdentifiers(evidence, ids) : null,
        actionId: row.id,
        caseId: row.caseId,
        wording: useCurated ? 'curated' : 'redacted',
      })
    })
    return { themes: [...themes].map(([theme, actions]) => ({ theme, actions })), counts }
  }

  /** The same, for the coordinator's page: the view is audited. */
  async viewReportForYear(financialYear: string, context: AuditContext): Promise<ActionsReport> {
    const report = await this.reportForYear(financialYear)
    const actions = report.themes.flatMap(t => t.actions)
    await this.auditService.record(context, {
      action: 'report_actions_viewed',
      entityType: 'report',
      entityId: financialYear,
      details: { financialYear, shown: actions.length, caseIds: [...new Set(actions.map(a => a.caseId))] },
    })
    return report
  }

  async findById(id: string): Promise<Action | null> {
    if (!isUuid(id)) return null
    return this.db.models.Action.findOne({
      where: { [Op.and]: [{ id }, LIVE as unknown as WhereOptions<Action>] },
      include: [{ association: 'case', attributes: ['id', 'caseRef'] }],
    })
  }

  /** The actions of one review, in the order they were recorded. */
  forReview(reviewId: string): Promise<Action[]> {
    return this.db.models.Action.findAll({
      where: { reviewId },
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
    })
  }

  /** Updates an action unless someone saved it since `version`; audited by field name. */
  async update(id: string, changes: ActionChanges, version: number, context: AuditContext): Promise<Action> {
    return this.db.transaction(async transaction => {
      const action = isUuid(id)
        ? await this.db.models.Action.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE })
        : null
      if (!action) throw new ServiceError('not_found', 'Action not found')
      const completion = actionCompletionProblem(changes.status, changes.evidenceOfImpact)
      if (completion) throw new ServiceError('invalid', completion.message, { field: completion.field })
      if (action.version !== version) {
        throw new ServiceError('stale_version', 'Someone else saved this action while you were working on it', {
          current: action,
        })
      }
      const fields = (Object.keys(changes) as (keyof ActionChanges)[]).filter(
        key => (action.get(key) ?? null) !== (changes[key] ?? null),
      )
      if (!fields.length) return action
      action.set(changes)
      await action.save({ transaction })
      await this.auditService.record(
        context,
        { action: 'action_updated', entityType: 'action', entityId: id, details: { caseId: action.caseId, fields } },
        transaction,
      )
      return action
    })
  }
}
