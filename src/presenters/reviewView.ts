import type { Action, CaseReview, ContributoryFactor } from '../db/models'
import { can } from '../domain/policy'
import {
  actionLevels,
  actionStatuses,
  agencies,
  categories,
  categoryGuidance,
  factorDomains,
  factorGrades,
  modifiableFactorsOutcomes,
  preventabilityOutcomes,
  type Category,
} from '../domain/codes'
import { domainScore } from '../domain/reviewRules'
import type { AgendaPlace, ReviewSheet } from '../services/reviews/reviewTypes'
import { formatDate } from '../domain/dates'
import { MAIN_FIELDS, RawValues } from '../forms/readReviewForm'

type MainField = (typeof MAIN_FIELDS)[number]

export const FIELD_LABELS: Record<MainField, string> = {
  agencies_present: 'Agencies present',
  category: 'Category of death',
  modifiable_factors: 'Modifiable factors',
  likely_cause_of_death: 'Likely cause of death',
  learning_points: 'Learning points',
  safeguarding_referral: 'Referred to the safeguarding partners',
  leder_referral: 'Referred to LeDeR',
}

const yesNo = (value: boolean | null) => (value === true ? 'yes' : value === false ? 'no' : '') // eslint-disable-line no-nested-ternary

/** The form's values for a stored review. */
export function rawFromReview(review: CaseReview): RawValues {
  return {
    agencies_present: [...(review.agenciesPresent ?? [])],
    category: review.category == null ? '' : String(review.category),
    modifiable_factors: review.modifiableFactors ?? '',
    likely_cause_of_death: review.likelyCauseOfDeath ?? '',
    learning_points: review.learningPoints ?? '',
    safeguarding_referral: yesNo(review.safeguardingReferral),
    leder_referral: yesNo(review.lederReferral),
  }
}

export const categoryText = (code: string | number | null | undefined) =>
  code == null || code === '' ? '' : `${code}. ${categories.label(String(code))}`

/** An answer in words, as the conflict table and the read-only review show it. */
export function answerText(field: MainField, value: string | string[] | undefined): string {
  const one = Array.isArray(value) ? value.join(', ') : (value ?? '')
  switch (field) {
    case 'agencies_present':
      return ([] as string[])
        .concat(value ?? [])
        .map(code => agencies.label(code))
        .join(', ')
    case 'category':
      return categoryText(one)
    case 'modifiable_factors':
      return modifiableFactorsOutcomes.label(one)
    case 'safeguarding_referral':
    case 'leder_referral':
      return one === 'yes' ? 'Yes' : one === 'no' ? 'No' : '' // eslint-disable-line no-nested-ternary
    default:
      return one
  }
}

export interface StartedFrom {
  raw: RawValues
  factorIds: string[]
  recommendationIds: string[]
}

/** What the form was opened with, carried in a hidden field to work out what changed meanwhile. */
export function startedFromJson(sheet: ReviewSheet): string {
  const started: StartedFrom = {
    raw: rawFromReview(sheet.review),
    factorIds: sheet.factors.map(f => f.id),
    recommendationIds: sheet.recommendations.map(r => r.id),
  }
  return JSON.stringify(started)
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

export function parseStartedFrom(body: unknown): StartedFrom {
  try {
    const parsed = JSON.parse(String((body as Record<string, unknown>)?.started_from ?? '{}').slice(0, 200_000))
    const raw = parsed && typeof parsed.raw === 'object' && !Array.isArray(parsed.raw) ? parsed.raw : {}
    return {
      raw: Object.fromEntries(
        Object.entries(raw).filter(([, v]) => typeof v === 'string' || Array.isArray(v)),
      ) as RawValues,
      factorIds: strings(parsed?.factorIds),
      recommendationIds: strings(parsed?.recommendationIds),
    }
  } catch {
    return { raw: {}, factorIds: [], recommendationIds: [] }
  }
}

export interface Conflict {
  label: string
  before: string
  theirs: string
  yours: string
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '')

/** Each answer someone else changed since the form was opened, with what this person typed beside it. */
export function differences(started: StartedFrom, current: ReviewSheet, submitted: RawValues) {
  const now = rawFromReview(current.review)
  const conflicts: Conflict[] = MAIN_FIELDS.filter(field => !same(started.raw[field], now[field])).map(field => ({
    label: FIELD_LABELS[field],
    before: answerText(field, started.raw[field]),
    theirs: answerText(field, now[field]),
    yours: answerText(field, submitted[field]),
  }))
  const ids = (rows: { id: string }[]) => rows.map(r => r.id).sort()
  const listsChanged =
    !same(ids(current.factors), [...started.factorIds].sort()) ||
    !same(ids(current.recommendations), [...started.recommendationIds].sort())
  return { conflicts, listsChanged }
}

export function factorRows(factors: ContributoryFactor[]) {
  return factorDomains.items.map(domain => {
    const inDomain = factors.filter(f => f.domain === domain.code)
    return {
      code: domain.code,
      label: domain.label,
      score: domainScore(inDomain),
      factors: inDomain.map(f => ({
        id: f.id,
        description: f.description,
        grade: `${f.grade}: ${factorGrades.label(String(f.grade))}`,
        modifiable: f.modifiable ? 'Yes' : 'No',
      })),
    }
  })
}

export function recommendationRows(recommendations: Action[]) {
  return recommendations.map(r => ({
    id: r.id,
    description: r.description,
    level: actionLevels.label(r.level),
    owner: r.ownerOrganisation ?? '',
    due: formatDate(r.dueDate),
    status: actionStatuses.label(r.status),
  }))
}

/** What every review page shows: the case (by reference only), the meeting, and the code lists. */
export function reviewLocals(place: AgendaPlace, user: Express.User | undefined) {
  return {
    place,
    target: { meetingId: place.meeting.id, caseId: place.record.id },
    caseRef: place.record.caseRef,
    meetingDate: formatDate(place.meeting.meetingDate),
    canManage: can(user, 'editCase'),
    agencyItems: agencies.items,
    categoryItems: categories.items.map(item => ({
      ...item,
      guidance: categoryGuidance[item.code as Category],
    })),
    modifiableItems: modifiableFactorsOutcomes.items,
    gradeItems: factorGrades.items,
    levelItems: actionLevels.items,
    preventabilityLabel: preventabilityOutcomes.label,
    answerText,
  }
}
