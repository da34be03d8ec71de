import { Op } from 'sequelize'
import type { Database } from '../../db'
import type { Action, AgendaItem, CaseReview } from '../../db/models'
import type { AgendaOutcome } from '../../db/models/AgendaItem'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import { ageBandLabel } from './packService'

export interface MinutesItem {
  caseId: string
  caseRef: string
  ageBand: string
  outcome: AgendaOutcome
  review: CaseReview | null
  actions: Action[]
}

type ItemWithCase = AgendaItem & {
  case: { id: string; caseRef: string; dateOfBirth: string; dateOfDeath: string }
}

// A final review is the decision; failing that a deferral; failing that the draft in progress.
const PREFERENCE = ['final', 'deferred', 'draft', 'superseded']

/** The meeting's decisions, case by case, as the coordinator files them. */
export default class MinutesService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
  ) {}

  /** Reading the minutes is audited: they name the members and the panel's decisions on each case. */
  async recordView(context: AuditContext, meetingId: string, caseIds: string[]): Promise<void> {
    await this.auditService.record(context, {
      action: 'minutes_viewed',
      entityType: 'meeting',
      entityId: meetingId,
      details: { caseIds },
    })
  }

  async items(meetingId: string): Promise<MinutesItem[]> {
    const { AgendaItem, CaseReview, Action } = this.db.models
    const all = (await AgendaItem.findAll({
      where: { meetingId },
      include: [{ association: 'case', attributes: ['id', 'caseRef', 'dateOfBirth', 'dateOfDeath'] }],
      order: [
        ['position', 'ASC'],
        ['createdAt', 'ASC'],
      ],
    })) as ItemWithCase[]
    // A case taken off and put back again appears once, as it stands.
    const kept = new Set(all.filter(item => item.outcome !== 'removed').map(item => item.caseId))
    const agenda = all.filter(item => item.outcome !== 'removed' || !kept.has(item.caseId))
    const caseIds = agenda.map(item => item.caseId)
    const reviews = caseIds.length
      ? await CaseReview.findAll({
          where: { meetingId, caseId: { [Op.in]: caseIds } },
          order: [['createdAt', 'DESC']],
        })
      : []
    const chosen = new Map<string, CaseReview>()
    reviews.forEach(review => {
      const current = chosen.get(review.caseId)
      if (!current || PREFERENCE.indexOf(review.status) < PREFERENCE.indexOf(current.status))
        chosen.set(review.caseId, review)
    })
    const reviewIds = [...chosen.values()].map(review => review.id)
    const actions = reviewIds.length
      ? await Action.findAll({ where: { reviewId: { [Op.in]: reviewIds } }, order: [['createdAt', 'ASC']] })
      : []
    return agenda.map(item => {
      const review = chosen.get(item.caseId) ?? null
      return {
        caseId: item.caseId,
        caseRef: item.case.caseRef,
        ageBand: ageBandLabel(item.case),
        outcome: item.outcome,
        review,
        actions: review ? actions.filter(action => action.reviewId === review.id) : [],
      }
    })
  }
}
