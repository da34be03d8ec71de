import type { Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { Case } from '../../db/models'
import { finaliseAtMeetingProblem, reviewDateProblem } from '../../domain/meetingLifecycle'
import type { QuorumResult } from '../../domain/quorum'
import { finaliseProblems } from '../../domain/reviewRules'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import ServiceError from '../serviceError'
import ReviewStore from './reviewStore'
import type { MeetingFacts, ReviewSheet, ReviewTarget } from './reviewTypes'

export interface FinaliseRequest {
  version: number
  /** Required, with the panel's reason, when the meeting is not quorate. */
  quorumOverrideReason?: string | null
}

export interface DeferRequest {
  version: number
  questions: string
}

/** The panel's decisions on a case: finalise its review, or defer it for more information. */
export default class ReviewDecisionService {
  private readonly store: ReviewStore

  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly caseService: CaseService,
    private readonly meetingFacts: MeetingFacts,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.store = new ReviewStore(db, auditService)
  }

  quorum(meetingId: string): Promise<QuorumResult> {
    return this.meetingFacts.quorum(meetingId)
  }

  /**
   * Finalises the review, only at a meeting that has been held: the review date is the meeting's
   * date (when the panel made its decision, not the day it was typed up); the review is locked; its answers
   * go onto the case, which becomes reviewed; the agenda item is marked reviewed; its
   * recommendations become live actions. All in one transaction with the audit rows.
   */
  async finalise(target: ReviewTarget, request: FinaliseRequest, context: AuditContext): Promise<ReviewSheet> {
    const quorum = await this.meetingFacts.quorum(target.meetingId)
    const overrideReason = request.quorumOverrideReason?.trim() || null
    return this.db.transaction(async t => {
      // The meeting first (shared: cancelling takes it exclusively before its agenda), then the agenda item.
      const meeting = await this.db.models.Meeting.findByPk(target.meetingId, { transaction: t, lock: t.LOCK.SHARE })
      if (!meeting) throw new ServiceError('not_found', 'Meeting not found')
      const agendaItem = await this.store.writable(target, t)
      const death = await this.db.models.Case.findByPk(target.caseId, { attributes: ['dateOfDeath'], transaction: t })
      const atMeeting =
        finaliseAtMeetingProblem(meeting.status) ?? reviewDateProblem(meeting.meetingDate, death?.dateOfDeath ?? null)
      if (atMeeting) throw new ServiceError('invalid', atMeeting.message, { problems: [atMeeting] })
      const review = await this.store.lockDraft(target, request.version, context, t)
      const sheet = await this.store.sheet(review, t)
      const problems = finaliseProblems(review, sheet.factors)
      if (problems.length) throw new ServiceError('invalid', 'The review is not complete', { problems })
      if (!quorum.quorate && !overrideReason) {
        throw new ServiceError('invalid', 'The meeting is not quorate: record why the panel is finalising anyway', {
          problems: [
            {
              field: 'quorum_override',
              message: 'The meeting is not quorate: confirm the override and give the reason',
            },
          ],
        })
      }
      const now = this.now()
      const reviewDate = meeting.meetingDate
      // A reviewed case must carry its review date, so the answers go onto the case before its status moves.
      await this.moveCase(target.caseId, 'reviewed', 'Panel review finalised', context, t, {
        reviewDate,
        category: review.category,
        modifiableFactors: review.modifiableFactors,
        preventability: review.preventability,
      })
      review.set({
        status: 'final',
        reviewDate,
        finalisedBy: context.actorUserId,
        finalisedAt: now,
        meetingId: target.meetingId,
        quorumOverrideReason: quorum.quorate ? null : overrideReason,
      })
      await review.save({ transaction: t })
      agendaItem.outcome = 'reviewed'
      await agendaItem.save({ transaction: t })
      await this.auditService.record(
        context,
        {
          action: 'review_finalised',
          entityType: 'case',
          entityId: target.caseId,
          details: {
            reviewId: review.id,
            meetingId: target.meetingId,
            reviewDate,
            category: review.category,
            modifiableFactors: review.modifiableFactors,
            factors: sheet.factors.length,
            actions: sheet.recommendations.map(a => a.id),
            quorate: quorum.quorate,
          },
        },
        t,
      )
      if (!quorum.quorate) {
        await this.auditService.record(
          context,
          {
            action: 'review_quorum_overridden',
            entityType: 'case',
            entityId: target.caseId,
            details: {
              reviewId: review.id,
              meetingId: target.meetingId,
              present: quorum.present,
              shortBy: quorum.shortBy,
              missingCapacities: quorum.missingCapacities,
            },
          },
          t,
        )
      }
      return { ...sheet, review }
    })
  }

  /** Defers the case: back to information gathering with the panel's questions, the draft kept as history. */
  async defer(target: ReviewTarget, request: DeferRequest, context: AuditContext): Promise<ReviewSheet> {
    const questions = request.questions.trim()
    if (!questions) throw new ServiceError('invalid', 'Enter the questions the panel needs answered')
    return this.db.transaction(async t => {
      const agendaItem = await this.store.writable(target, t)
      const review = await this.store.lockDraft(target, request.version, context, t)
      await this.moveCase(target.caseId, 'information_gathering', questions, context, t)
      review.set({ status: 'deferred', deferralQuestions: questions, meetingId: target.meetingId })
      await review.save({ transaction: t })
      agendaItem.outcome = 'deferred'
      await agendaItem.save({ transaction: t })
      await this.auditService.record(
        context,
        {
          action: 'review_deferred',
          entityType: 'case',
          entityId: target.caseId,
          details: { reviewId: review.id, meetingId: target.meetingId },
        },
        t,
      )
      return this.store.sheet(review, t)
    })
  }

  /** Through the case status machine, in this transaction, from the case's current version. */
  private async moveCase(
    caseId: string,
    to: 'reviewed' | 'information_gathering',
    reason: string,
    context: AuditContext,
    t: Transaction,
    before: Partial<Pick<Case, 'reviewDate' | 'category' | 'modifiableFactors' | 'preventability'>> = {},
  ): Promise<Case> {
    const current = await this.db.models.Case.findByPk(caseId, { transaction: t, lock: t.LOCK.UPDATE })
    if (!current) throw new ServiceError('not_found', 'Case not found')
    if (Object.keys(before).length) {
      current.set(before)
      await current.save({ transaction: t })
    }
    return this.caseService.changeStatus(caseId, { to, reason, version: current.version }, context, t)
  }
}
