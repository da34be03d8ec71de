import { literal, Op, QueryTypes, WhereOptions } from 'sequelize'
import type { Database } from '../../db'
import type { Action } from '../../db/models'
import type { ActionLevel, ActionStatus } from '../../domain/codes'
import { todayInLondon } from '../../domain/dates'
import { actionCompletionProblem } from '../../domain/reviewRules'
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
