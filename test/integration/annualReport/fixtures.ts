import type { Case, CaseReview } from '../../../src/db/models'
import type { ActionStatus } from '../../../src/domain/codes'
import { buildCase } from '../../factories'
import type { TestApp } from '../../helpers/testApp'

/** A child whose every identifier a curated text might repeat. */
export const CHILD = {
  givenNames: 'Marigold Jane',
  familyName: 'Featherstonehaugh',
  nhsNumber: '9434765919',
  postcode: 'LS1 4AP',
  dateOfBirth: '2015-03-14',
  dateOfDeath: '2016-05-01',
  notifierName: 'Priya Okonkwo',
}

/** A case with the given identifiers, notified through the service, then changed as later work would. */
export async function caseWith(t: TestApp, overrides: Partial<Case> = {}, later: Partial<Case> = {}): Promise<Case> {
  const record = await buildCase(t.services, {
    dateOfBirth: '2015-03-14',
    dateOfDeath: '2016-05-01',
    notifiedAt: '2016-05-02',
    ...overrides,
  })
  if (Object.keys(later).length) {
    await t.db.models.Case.update(later, { where: { id: record.id } })
    await record.reload()
  }
  return record
}

/** A review recorded straight into the table (the review pages are another feature's to test). */
export function reviewOf(
  t: TestApp,
  record: Case,
  values: {
    status?: CaseReview['status']
    reviewDate?: string | null
    category?: number | null
    learningPoints?: string | null
  },
) {
  const status = values.status ?? 'final'
  return t.db.models.CaseReview.create({
    caseId: record.id,
    meetingId: null,
    status,
    category: values.category === undefined ? 10 : values.category,
    modifiableFactors: 'identified',
    preventability: null,
    likelyCauseOfDeath: null,
    learningPoints: values.learningPoints ?? null,
    safeguardingReferral: false,
    lederReferral: false,
    reviewDate: values.reviewDate === undefined ? '2016-11-20' : values.reviewDate,
    quorumOverrideReason: null,
    deferralQuestions: null,
    finalisedBy: null,
    finalisedAt: status === 'draft' ? null : new Date(),
  })
}

export function actionOf(
  t: TestApp,
  review: CaseReview,
  description: string,
  extra: {
    status?: ActionStatus
    dueDate?: string | null
    evidenceOfImpact?: string | null
    ownerOrganisation?: string | null
  } = {},
) {
  return t.db.models.Action.create({
    caseId: review.caseId,
    reviewId: review.id,
    description,
    ownerOrganisation: 'Northshire ICB',
    dueDate: null,
    evidenceOfImpact: null,
    ...extra,
  })
}
