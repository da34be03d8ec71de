import type { ActionStatus, MeetingCapacity, ModifiableFactors, Role } from './codes'
import { can } from './policy'

/**
 * The rules of the panel's review (data dictionary §3; cdr-background §5.3): pure functions, so the
 * form, the autosave, the finalise step and the tests all apply the same ones.
 */

export interface FactorLike {
  grade: number
  modifiable: boolean
}

export interface ReviewProblem {
  /** The form field to link to. */
  field: string
  message: string
}

export const IDENTIFIED_RULE_MESSAGE =
  'You can only select modifiable factors identified when at least one contributory factor is graded 2 and marked modifiable'

/** `identified` needs at least one contributory factor graded 2 and marked modifiable. */
export function hasGradeTwoModifiableFactor(factors: FactorLike[]): boolean {
  return factors.some(factor => Number(factor.grade) === 2 && factor.modifiable)
}

/** The problem with a modifiable-factors outcome given the factors recorded, or null when it may stand. */
export function modifiableFactorsProblem(
  outcome: ModifiableFactors | null | undefined,
  factors: FactorLike[],
): ReviewProblem | null {
  if (outcome === 'identified' && !hasGradeTwoModifiableFactor(factors)) {
    return { field: 'modifiable_factors', message: IDENTIFIED_RULE_MESSAGE }
  }
  return null
}

/** The highest grade recorded in a domain: the domain's summary score, or null when it has no factors. */
export function domainScore(factors: FactorLike[]): number | null {
  return factors.length ? Math.max(...factors.map(f => Number(f.grade))) : null
}

export interface ReviewForFinalising {
  agenciesPresent: readonly string[]
  category: number | null
  modifiableFactors: ModifiableFactors | null
}

/** What is missing or wrong before a review can be finalised, in the order of the form. */
export function finaliseProblems(review: ReviewForFinalising, factors: FactorLike[]): ReviewProblem[] {
  const problems: ReviewProblem[] = []
  if (!review.agenciesPresent.length) {
    problems.push({
      field: 'agencies_present',
      message: 'Select the agencies represented when the panel reviewed the case',
    })
  }
  if (review.category == null) problems.push({ field: 'category', message: 'Select the category of death' })
  if (review.modifiableFactors == null) {
    problems.push({ field: 'modifiable_factors', message: 'Select whether the panel identified modifiable factors' })
  } else {
    const identified = modifiableFactorsProblem(review.modifiableFactors, factors)
    if (identified) problems.push(identified)
  }
  return problems
}

export interface RecorderFacts {
  roles: readonly Role[]
  /** The capacity the person was invited to sit in at this meeting, or null if not invited. */
  capacity: MeetingCapacity | null
  declaredInterest: boolean
}

export type RecordingRefusal = 'declared_interest' | 'not_invited' | 'not_chair'

/**
 * Who may record the panel's review of a case: the coordinator (or an administrator), or the panel
 * member sitting as chair of the meeting; never anyone who declared an interest in the case.
 */
export function reviewRecordingRefusal(facts: RecorderFacts): RecordingRefusal | null {
  if (facts.declaredInterest) return 'declared_interest'
  if (can(facts, 'manageMeetings')) return null
  if (!can(facts, 'sitOnPanel') || facts.capacity === null) return 'not_invited'
  return facts.capacity === 'chair' ? null : 'not_chair'
}

const OPEN_ACTION: readonly ActionStatus[] = ['open', 'in_progress']

/** An action still to do whose due date has passed. */
export const EVIDENCE_NEEDED_MESSAGE = 'Enter the evidence of impact before marking the action complete'

/** An action is complete only with its evidence of impact: what changed as a result, and how it is known. */
export function actionCompletionProblem(
  status: ActionStatus,
  evidence: string | null | undefined,
): ReviewProblem | null {
  if (status === 'complete' && !evidence?.trim())
    return { field: 'evidence_of_impact', message: EVIDENCE_NEEDED_MESSAGE }
  return null
}

export function isActionOverdue(action: { dueDate: string | null; status: ActionStatus }, today: string): boolean {
  return action.dueDate !== null && action.dueDate < today && OPEN_ACTION.includes(action.status)
}
