import { AGENDA_CASE_ATTRIBUTES } from '../meetings/agendaService'
import { Op, Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { CaseReview } from '../../db/models'
import { modifiableFactorsProblem, RecordingRefusal, reviewRecordingRefusal } from '../../domain/reviewRules'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'
import { isUuid } from '../userService'
import ReviewStore from './reviewStore'
import {
  AgendaPlace,
  MeetingFacts,
  DraftChange,
  REVIEW_VALUE_KEYS,
  ReviewSheet,
  ReviewTarget,
  ReviewValues,
  SaveChannel,
} from './reviewTypes'

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The panel's review while it is recorded: who may record it, its draft, and every save of it. */
export default class ReviewService {
  private readonly store: ReviewStore

  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly meetingFacts: MeetingFacts,
  ) {
    this.store = new ReviewStore(db, auditService)
  }

  /** The meeting, the case's agenda item there and the case, or null if the case is not on that agenda. */
  async findPlace(target: ReviewTarget): Promise<AgendaPlace | null> {
    if (!isUuid(target.meetingId) || !isUuid(target.caseId)) return null
    const [meeting, agendaItem, record] = await Promise.all([
      this.db.models.Meeting.findByPk(target.meetingId),
      this.store.agendaItem(target),
      // Only what the review pages show: a chair who is a panel member must never be handed identifiers.
      this.db.models.Case.findByPk(target.caseId, { attributes: [...AGENDA_CASE_ATTRIBUTES] }),
    ])
    return meeting && agendaItem && record ? { meeting, agendaItem, record } : null
  }

  /** Why this person may not record the review of this case at this meeting, or null if they may. */
  async recorderRefusal(user: Express.User, target: ReviewTarget): Promise<RecordingRefusal | null> {
    const [member, declaredInterest] = await Promise.all([
      this.db.models.MeetingMember.findOne({
        where: { meetingId: target.meetingId, userId: user.id },
        attributes: ['capacity'],
      }),
      this.meetingFacts.hasDeclaredInterest(target.meetingId, target.caseId, user.id),
    ])
    return reviewRecordingRefusal({ roles: user.roles, capacity: member?.capacity ?? null, declaredInterest })
  }

  /**
   * The review to show. While the panel has still to decide, the draft, started when first opened so
   * that every later save, add and remove has a version to lock against. Afterwards, the review the
   * panel made at this meeting (final, superseded or deferred), read-only.
   */
  async open(place: AgendaPlace, context: AuditContext): Promise<{ sheet: ReviewSheet | null; editable: boolean }> {
    const target = { meetingId: place.meeting.id, caseId: place.record.id }
    if (place.agendaItem.outcome === 'pending' && place.record.status === 'scheduled') {
      const existing = await this.store.findDraft(target.caseId)
      const draft =
        existing && existing.meetingId === target.meetingId
          ? existing
          : await this.db.transaction(async t => {
              await this.store.writable(target, t)
              return this.store.ensureDraft(target, context, t)
            })
      return { sheet: await this.store.sheet(draft), editable: true }
    }
    const decided = await this.db.models.CaseReview.findOne({
      where: { ...target, status: { [Op.ne]: 'draft' } },
      order: [['createdAt', 'DESC']],
    })
    return { sheet: decided ? await this.store.sheet(decided) : null, editable: false }
  }

  /** The name of the person who finalised a review, for the read-only page. */
  async nameOf(userId: string | null): Promise<string | null> {
    if (!userId) return null
    return (await this.db.models.User.findByPk(userId, { attributes: ['name'] }))?.name ?? null
  }

  /** The current state of the draft, for showing what someone else saved. */
  async currentDraft(target: ReviewTarget): Promise<ReviewSheet | null> {
    const draft = await this.store.findDraft(target.caseId)
    return draft ? this.store.sheet(draft) : null
  }

  /**
   * Saves a draft: its answers, and a factor or recommendation added or removed, in one
   * transaction with its audit row. Refused if someone saved since `version` (the person's input is
   * theirs to keep) or if the modifiable-factors rule would be broken by the result.
   */
  async saveDraft(
    target: ReviewTarget,
    version: number,
    change: DraftChange,
    context: AuditContext,
    channel: SaveChannel = 'form',
  ): Promise<ReviewSheet> {
    return this.db.transaction(async t => {
      await this.store.writable(target, t)
      const review = await this.store.lockDraft(target, version, context, t)
      const fields = this.applyValues(review, change.values ?? {})
      const listChanges = await this.applyListChanges(review, change, t)
      const sheet = await this.store.sheet(review, t)
      const problem = modifiableFactorsProblem(review.modifiableFactors, sheet.factors)
      if (problem) throw new ServiceError('invalid', problem.message, { field: problem.field })
      if (!fields.length && !listChanges.length) return sheet
      await this.store.touch(review, t)
      await this.auditService.record(
        context,
        {
          action: 'review_draft_saved',
          entityType: 'case_review',
          entityId: review.id,
          details: { caseId: target.caseId, meetingId: target.meetingId, channel, fields, changes: listChanges },
        },
        t,
      )
      return sheet
    })
  }

  private applyValues(review: CaseReview, values: ReviewValues): string[] {
    const changed = REVIEW_VALUE_KEYS.filter(key => key in values && !sameValue(review.get(key), values[key]))
    changed.forEach(key => review.set(key, values[key] as never))
    return changed
  }

  private async applyListChanges(review: CaseReview, change: DraftChange, t: Transaction): Promise<string[]> {
    const { ContributoryFactor, Action } = this.db.models
    const done: string[] = []
    if (change.removeFactorId && isUuid(change.removeFactorId)) {
      const removed = await ContributoryFactor.destroy({
        where: { id: change.removeFactorId, reviewId: review.id },
        transaction: t,
      })
      if (removed) done.push('factor_removed')
    }
    for (const factor of change.addFactors ?? []) {
      const last = (await ContributoryFactor.max('position', { where: { reviewId: review.id }, transaction: t })) as
        number | null
      await ContributoryFactor.create({ reviewId: review.id, ...factor, position: (last ?? 0) + 1 }, { transaction: t })
      done.push(`factor_added:${factor.domain}`)
    }
    if (change.removeRecommendationId && isUuid(change.removeRecommendationId)) {
      const removed = await Action.destroy({
        where: { id: change.removeRecommendationId, reviewId: review.id },
        transaction: t,
      })
      if (removed) done.push('recommendation_removed')
    }
    for (const recommendation of change.addRecommendations ?? []) {
      await Action.create(
        { caseId: review.caseId, reviewId: review.id, ...recommendation, status: 'open' },
        { transaction: t },
      )
      done.push('recommendation_added')
    }
    return done
  }
}
