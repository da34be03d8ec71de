import { Op, Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { AgendaItem, CaseReview } from '../../db/models'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'
import type { ReviewSheet, ReviewTarget } from './reviewTypes'

export const LOCKED_MESSAGE =
  'The panel has already decided on this case at this meeting, so its review cannot be changed here'
export const STALE_MESSAGE = 'Someone else saved this review while you were working on it'

// A review carried into a new draft: the panel picks up where it left off rather than starting again.
const CARRIED = [
  'category',
  'modifiableFactors',
  'preventability',
  'likelyCauseOfDeath',
  'learningPoints',
  'safeguardingReferral',
  'lederReferral',
] as const

/**
 * The steps every change to a review shares, each inside the caller's transaction. Locks are taken
 * in one order (agenda item, then review, then case) so concurrent writers queue rather than deadlock.
 */
export default class ReviewStore {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
  ) {}

  /** The agenda item of the case at the meeting, whatever its outcome (removed ones aside). */
  agendaItem(target: ReviewTarget, transaction?: Transaction): Promise<AgendaItem | null> {
    return this.db.models.AgendaItem.findOne({
      where: { meetingId: target.meetingId, caseId: target.caseId, outcome: { [Op.ne]: 'removed' } },
      order: [['createdAt', 'DESC']],
      transaction,
      ...(transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    })
  }

  /** Locks the agenda item and refuses unless the panel has still to decide on the case. */
  async writable(target: ReviewTarget, t: Transaction): Promise<AgendaItem> {
    const item = await this.agendaItem(target, t)
    if (!item) throw new ServiceError('not_found', 'This case is not on the agenda of this meeting')
    if (item.outcome !== 'pending') throw new ServiceError('refused', LOCKED_MESSAGE, { outcome: item.outcome })
    const record = await this.db.models.Case.findByPk(target.caseId, { attributes: ['status'], transaction: t })
    if (record?.status !== 'scheduled') {
      throw new ServiceError('refused', 'The case is no longer scheduled for panel, so its review cannot be changed')
    }
    return item
  }

  findDraft(caseId: string, t?: Transaction): Promise<CaseReview | null> {
    return this.db.models.CaseReview.findOne({
      where: { caseId, status: 'draft' },
      transaction: t,
      ...(t ? { lock: t.LOCK.UPDATE } : {}),
    })
  }

  /** The case's draft review, started (and earlier reviews carried forward) if there is none. */
  async ensureDraft(target: ReviewTarget, context: AuditContext, t: Transaction): Promise<CaseReview> {
    const existing = await this.findDraft(target.caseId, t)
    if (existing) {
      if (existing.meetingId !== target.meetingId) {
        existing.meetingId = target.meetingId // brought to a later meeting: it is recorded there now
        await existing.save({ transaction: t })
      }
      return existing
    }
    const previous = await this.db.models.CaseReview.findOne({
      where: { caseId: target.caseId, status: { [Op.in]: ['final', 'deferred', 'superseded'] } },
      order: [['createdAt', 'DESC']],
      transaction: t,
    })
    const draft = await this.db.models.CaseReview.create(
      {
        caseId: target.caseId,
        meetingId: target.meetingId,
        status: 'draft',
        ...Object.fromEntries(CARRIED.map(key => [key, previous ? previous.get(key) : null])),
      } as CaseReview,
      { transaction: t },
    )
    if (previous) await this.carryForward(previous, draft, t)
    await this.supersedeFinal(target.caseId, draft.id, context, t)
    await this.auditService.record(
      context,
      {
        action: 'review_started',
        entityType: 'case',
        entityId: target.caseId,
        details: { reviewId: draft.id, meetingId: target.meetingId, carriedFrom: previous?.id ?? null },
      },
      t,
    )
    return draft
  }

  /** Locks the draft and checks it is the version the person loaded. */
  async lockDraft(target: ReviewTarget, version: number, context: AuditContext, t: Transaction): Promise<CaseReview> {
    const draft = await this.ensureDraft(target, context, t)
    if (draft.version !== version) throw new ServiceError('stale_version', STALE_MESSAGE)
    return draft
  }

  async sheet(review: CaseReview, t?: Transaction): Promise<ReviewSheet> {
    const [factors, recommendations] = await Promise.all([
      this.db.models.ContributoryFactor.findAll({
        where: { reviewId: review.id },
        order: [
          ['position', 'ASC'],
          ['createdAt', 'ASC'],
        ],
        transaction: t,
      }),
      this.db.models.Action.findAll({
        where: { reviewId: review.id },
        order: [
          ['createdAt', 'ASC'],
          ['id', 'ASC'],
        ],
        transaction: t,
      }),
    ])
    return { review, factors, recommendations }
  }

  /** Marks a review changed (its factors or recommendations, say) so its version moves on. */
  async touch(review: CaseReview, t: Transaction): Promise<void> {
    review.changed('updatedAt', true)
    await review.save({ transaction: t })
  }

  private async carryForward(previous: CaseReview, draft: CaseReview, t: Transaction): Promise<void> {
    const factors = await this.db.models.ContributoryFactor.findAll({
      where: { reviewId: previous.id },
      transaction: t,
    })
    await this.db.models.ContributoryFactor.bulkCreate(
      factors.map(f => ({
        reviewId: draft.id,
        domain: f.domain,
        description: f.description,
        grade: f.grade,
        modifiable: f.modifiable,
        position: f.position,
      })),
      { transaction: t },
    )
    // A deferred review's recommendations never became actions; a final review's already did.
    if (previous.status !== 'deferred') return
    const recommendations = await this.db.models.Action.findAll({ where: { reviewId: previous.id }, transaction: t })
    await this.db.models.Action.bulkCreate(
      recommendations.map(r => ({
        caseId: r.caseId,
        reviewId: draft.id,
        description: r.description,
        level: r.level,
        ownerOrganisation: r.ownerOrganisation,
        dueDate: r.dueDate,
      })),
      { transaction: t },
    )
  }

  /** A case reopened and brought back to panel: its final review stays as history, superseded. */
  private async supersedeFinal(caseId: string, byReviewId: string, context: AuditContext, t: Transaction) {
    const finals = await this.db.models.CaseReview.findAll({ where: { caseId, status: 'final' }, transaction: t })
    for (const review of finals) {
      review.status = 'superseded'
      await review.save({ transaction: t })
      await this.auditService.record(
        context,
        {
          action: 'review_superseded',
          entityType: 'case',
          entityId: caseId,
          details: { reviewId: review.id, byReviewId },
        },
        t,
      )
    }
  }
}
