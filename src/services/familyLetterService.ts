import type { Database } from '../db'
import type { Case, FamilyLetter } from '../db/models'
import { compareIsoDates, todayInLondon, type IsoDate } from '../domain/dates'
import { draftFamilyLetter } from '../domain/familyLetter'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import ServiceError from './serviceError'
import { isUuid } from './userService'

export const LETTER_MAX = 50_000

export interface LetterPage {
  record: Case
  letter: FamilyLetter | null
  /** The text to show: the saved letter, or a fresh draft from the panel's final review. */
  body: string
  /** Null until the panel has finalised a review of this case. */
  reviewId: string | null
}

/** The letter to the family after the review, kept with the case; and whether their questions were answered. */
export default class FamilyLetterService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The case's letter as it stands (or drafted), audited as a view of identifiable data. */
  async open(caseId: string, context: AuditContext, purpose: 'edit' | 'print'): Promise<LetterPage> {
    if (!isUuid(caseId)) throw new ServiceError('not_found', 'Case not found')
    const record = await this.db.models.Case.findByPk(caseId)
    if (!record) throw new ServiceError('not_found', 'Case not found')
    const [letter, review] = await Promise.all([
      this.db.models.FamilyLetter.findOne({ where: { caseId } }),
      this.db.models.CaseReview.findOne({ where: { caseId, status: 'final' }, order: [['finalisedAt', 'DESC']] }),
    ])
    // Only this child's own record and review go into the draft.
    const body =
      letter?.body ??
      (review
        ? draftFamilyLetter({
            childName: record.givenNames,
            reviewDate: review.reviewDate,
            category: review.category,
            modifiableFactors: review.modifiableFactors,
            learningPoints: review.learningPoints,
            keyWorker: record.keyWorker,
          })
        : '')
    await this.auditService.record(context, {
      action: 'family_letter_viewed',
      entityType: 'case',
      entityId: caseId,
      details: { purpose, letterId: letter?.id ?? null, drafted: !letter },
    })
    return { record, letter, body, reviewId: review?.id ?? letter?.reviewId ?? null }
  }

  /** Saves the letter unless someone saved it since `version` (null: there was none when the page opened). */
  async save(caseId: string, body: string, version: number | null, context: AuditContext): Promise<FamilyLetter> {
    const text = body.trim()
    if (!text) throw new ServiceError('invalid', 'Enter the letter')
    if (text.length > LETTER_MAX) throw new ServiceError('invalid', 'The letter must be 50,000 characters or fewer')
    return this.db.transaction(async t => {
      const record = await this.db.models.Case.findByPk(caseId, { transaction: t, lock: t.LOCK.UPDATE })
      if (!record) throw new ServiceError('not_found', 'Case not found')
      const review = await this.db.models.CaseReview.findOne({
        where: { caseId, status: 'final' },
        order: [['finalisedAt', 'DESC']],
        transaction: t,
      })
      if (!review)
        throw new ServiceError('refused', 'The letter can be prepared once the panel has finalised its review')
      const existing = await this.db.models.FamilyLetter.findOne({
        where: { caseId },
        transaction: t,
        lock: t.LOCK.UPDATE,
      })
      if ((existing?.version ?? null) !== version)
        throw new ServiceError('stale_version', 'Someone else saved this letter while you were working on it', {
          current: existing,
        })
      const letter = existing
        ? await existing.update({ body: text, updatedBy: context.actorUserId, reviewId: review.id }, { transaction: t })
        : await this.db.models.FamilyLetter.create(
            { caseId, reviewId: review.id, body: text, createdBy: context.actorUserId, updatedBy: context.actorUserId },
            { transaction: t },
          )
      await this.auditService.record(
        context,
        {
          action: existing ? 'family_letter_saved' : 'family_letter_drafted',
          entityType: 'case',
          entityId: caseId,
          details: { letterId: letter.id, reviewId: review.id, length: text.length },
        },
        t,
      )
      return letter
    })
  }

  /** Records whether the family's questions were answered, and when, on the case (its version locked). */
  async recordQuestionsAnswered(
    caseId: string,
    answered: boolean,
    on: IsoDate | null,
    version: number,
    context: AuditContext,
  ): Promise<Case> {
    if (answered && !on) throw new ServiceError('invalid', 'Enter the date the family’s questions were answered')
    if (on && compareIsoDates(on, todayInLondon(this.now())) > 0)
      throw new ServiceError('invalid', 'The date the questions were answered must be today or in the past')
    return this.db.transaction(async t => {
      const record = await this.db.models.Case.findByPk(caseId, { transaction: t, lock: t.LOCK.UPDATE })
      if (!record) throw new ServiceError('not_found', 'Case not found')
      if (record.version !== version)
        throw new ServiceError('stale_version', 'Someone else changed this case while you were working on it')
      record.set({ familyQuestionsAnswered: answered, familyQuestionsAnsweredOn: answered ? on : null })
      await record.save({ transaction: t })
      await this.auditService.record(
        context,
        {
          action: 'family_questions_answer_recorded',
          entityType: 'case',
          entityId: caseId,
          details: { answered, on: answered ? on : null },
        },
        t,
      )
      return record
    })
  }
}
