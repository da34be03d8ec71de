import type { Action, AgendaItem, Case, CaseReview, ContributoryFactor, Meeting } from '../../db/models'
import type { ActionLevel, Agency, FactorDomain, ModifiableFactors } from '../../domain/codes'
import type MeetingService from '../meetings/meetingService'

/** A case on a meeting's agenda: where a review is recorded. Ids only, never names. */
export interface ReviewTarget {
  meetingId: string
  caseId: string
}

/** The meeting, its agenda item for the case, and the case. */
export interface AgendaPlace {
  meeting: Meeting
  agendaItem: AgendaItem
  record: Case
}

/** The review's own answers; a missing key is left as it is. */
export interface ReviewValues {
  agenciesPresent?: Agency[]
  category?: number | null
  modifiableFactors?: ModifiableFactors | null
  likelyCauseOfDeath?: string | null
  learningPoints?: string | null
  safeguardingReferral?: boolean | null
  lederReferral?: boolean | null
}

export const REVIEW_VALUE_KEYS: (keyof ReviewValues)[] = [
  'agenciesPresent',
  'category',
  'modifiableFactors',
  'likelyCauseOfDeath',
  'learningPoints',
  'safeguardingReferral',
  'lederReferral',
]

export interface NewFactor {
  domain: FactorDomain
  description: string
  grade: number
  modifiable: boolean
}

export interface NewRecommendation {
  description: string
  level: ActionLevel
  ownerOrganisation: string | null
  dueDate: string | null
}

/** One save of a draft: its answers, the factors and recommendations typed in, and one removed. */
export interface DraftChange {
  values?: ReviewValues
  addFactors?: NewFactor[]
  removeFactorId?: string
  addRecommendations?: NewRecommendation[]
  removeRecommendationId?: string
}

/** A review with its contributory factors and its recommendations (the actions it leads to). */
export interface ReviewSheet {
  review: CaseReview
  factors: ContributoryFactor[]
  recommendations: Action[]
}

export type SaveChannel = 'form' | 'autosave'

/** What the review needs to know about its meeting, answered by the meeting service (one quorum rule). */
export type MeetingFacts = Pick<MeetingService, 'quorum' | 'hasDeclaredInterest'>
