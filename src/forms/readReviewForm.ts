import {
  actionLevels,
  agencies,
  categories,
  factorDomains,
  factorGrades,
  modifiableFactorsOutcomes,
  type ActionLevel,
  type FactorDomain,
  type ModifiableFactors,
} from '../domain/codes'
import { readDateInput } from '../utils/dateInput'
import type { NewFactor, NewRecommendation, ReviewValues } from '../services/reviews/reviewTypes'
import { addError, FormErrors, inFormOrder, list, noErrors, text } from '../utils/formErrors'

export type RawValues = Record<string, string | string[]>

/** Which button was pressed. Every button saves everything typed on the page first. */
export type Intent =
  | { kind: 'save' }
  | { kind: 'finalise' }
  | { kind: 'defer' }
  | { kind: 'add_factor'; domain: FactorDomain }
  | { kind: 'remove_factor'; id: string }
  | { kind: 'add_recommendation' }
  | { kind: 'remove_recommendation'; id: string }

export interface ReviewForm {
  raw: RawValues
  values: ReviewValues
  addFactors: NewFactor[]
  addRecommendations: NewRecommendation[]
  intent: Intent
  errors: FormErrors
}

export const LIMITS = {
  likelyCauseOfDeath: 2000,
  learningPoints: 20000,
  factor: 2000,
  recommendation: 2000,
  owner: 200,
}

/** The review's own questions, as posted. */
export const MAIN_FIELDS = [
  'agencies_present',
  'category',
  'modifiable_factors',
  'likely_cause_of_death',
  'learning_points',
  'safeguarding_referral',
  'leder_referral',
] as const

const HARD_LIMIT = 100_000

/**
 * Every field of the review page in the order the page shows them (views/pages/reviews/edit.ejs):
 * agencies present, a factor's fields per domain, the panel's answers, the recommendation being
 * added, the referrals. The error summary lists its problems in this order.
 */
export const REVIEW_FORM_ORDER: readonly string[] = [
  'agencies_present',
  ...factorDomains.codes.flatMap(domain => [
    `factor_${domain}_description`,
    `factor_${domain}_grade`,
    `factor_${domain}_modifiable`,
  ]),
  'category',
  'modifiable_factors',
  'likely_cause_of_death',
  'learning_points',
  'recommendation_description',
  'recommendation_level',
  'recommendation_owner',
  'recommendation_due',
  'safeguarding_referral',
  'leder_referral',
]

export function readIntent(body: unknown): Intent {
  const value = text(body, 'intent', 100)
  const [kind, arg = ''] = value.split(':')
  if (kind === 'finalise' || kind === 'defer') return { kind }
  if (kind === 'add_factor' && factorDomains.has(arg)) return { kind, domain: arg }
  if (kind === 'remove_factor' && arg) return { kind, id: arg }
  if (kind === 'add_recommendation') return { kind }
  if (kind === 'remove_recommendation' && arg) return { kind, id: arg }
  return { kind: 'save' }
}

const yesNo = (value: string): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null) // eslint-disable-line no-nested-ternary

function longText(body: unknown, name: string, limit: number, label: string, acc: RawValues, errors: FormErrors) {
  const value = text(body, name, HARD_LIMIT)
  acc[name] = value
  if (value.length > limit)
    addError(errors, name, `${label} must be ${limit.toLocaleString('en-GB')} characters or fewer`)
  return value || null
}

/** The autosaved text answers only: what the script sends every few seconds. */
export function readTextAnswers(body: unknown): { raw: RawValues; values: ReviewValues; errors: FormErrors } {
  const raw: RawValues = {}
  const errors = noErrors()
  const values: ReviewValues = {}
  const has = (name: string) => typeof (body as Record<string, unknown>)?.[name] === 'string'
  if (has('likely_cause_of_death'))
    values.likelyCauseOfDeath = longText(
      body,
      'likely_cause_of_death',
      LIMITS.likelyCauseOfDeath,
      'Likely cause of death',
      raw,
      errors,
    )
  if (has('learning_points'))
    values.learningPoints = longText(body, 'learning_points', LIMITS.learningPoints, 'Learning points', raw, errors)
  return { raw, values, errors }
}

/** The review's own answers; `acc` collects exactly what was typed. */
function readMain(body: unknown, acc: RawValues, errors: FormErrors): ReviewValues {
  const chosen = [...new Set(list(body, 'agencies_present'))]
  acc.agencies_present = chosen
  const values: ReviewValues = {}
  // Kept in the order of the list, so the same choice always reads (and compares) the same.
  if (chosen.every(code => agencies.has(code))) values.agenciesPresent = agencies.codes.filter(c => chosen.includes(c))
  else addError(errors, 'agencies_present', 'Select agencies from the list')

  const category = text(body, 'category', 10)
  acc.category = category
  if (!category) values.category = null
  else if (categories.has(category)) values.category = Number(category)
  else addError(errors, 'category', 'Select the category of death from the list')

  const modifiable = text(body, 'modifiable_factors', 50)
  acc.modifiable_factors = modifiable
  if (!modifiable) values.modifiableFactors = null
  else if (modifiableFactorsOutcomes.has(modifiable)) values.modifiableFactors = modifiable as ModifiableFactors
  else addError(errors, 'modifiable_factors', 'Select whether modifiable factors were identified from the list')

  const texts = readTextAnswers(body)
  Object.assign(values, texts.values)
  Object.assign(acc, texts.raw)
  texts.errors.errorSummary.forEach(e => addError(errors, e.href.slice(1), e.text))

  for (const [name, key] of [
    ['safeguarding_referral', 'safeguardingReferral'],
    ['leder_referral', 'lederReferral'],
  ] as const) {
    const value = text(body, name, 10)
    acc[name] = value
    values[key] = yesNo(value)
  }
  return values
}

/** A factor typed into a domain's "Add a factor" fields, or null when they were left empty. */
function readFactor(body: unknown, domain: FactorDomain, required: boolean, raw: RawValues, errors: FormErrors) {
  const prefix = `factor_${domain}`
  const description = text(body, `${prefix}_description`, HARD_LIMIT)
  const grade = text(body, `${prefix}_grade`, 10)
  const modifiable = text(body, `${prefix}_modifiable`, 10)
  Object.assign(raw, {
    [`${prefix}_description`]: description,
    [`${prefix}_grade`]: grade,
    [`${prefix}_modifiable`]: modifiable,
  })
  if (!description && !grade && !modifiable && !required) return null
  const domainLabel = factorDomains.label(domain).toLowerCase()
  if (!description) addError(errors, `${prefix}_description`, `Describe the factor in ${domainLabel}`)
  else if (description.length > LIMITS.factor)
    addError(
      errors,
      `${prefix}_description`,
      `Factor must be ${LIMITS.factor.toLocaleString('en-GB')} characters or fewer`,
    )
  if (!factorGrades.has(grade)) addError(errors, `${prefix}_grade`, 'Select the grade of the factor')
  if (yesNo(modifiable) === null) addError(errors, `${prefix}_modifiable`, 'Select yes if the factor is modifiable')
  return { domain, description, grade: Number(grade), modifiable: modifiable === 'yes' }
}

function readRecommendation(body: unknown, required: boolean, today: string, raw: RawValues, errors: FormErrors) {
  const description = text(body, 'recommendation_description', HARD_LIMIT)
  const level = text(body, 'recommendation_level', 20)
  const owner = text(body, 'recommendation_owner', HARD_LIMIT)
  const due = readDateInput(body, 'recommendation_due', 'due date')
  Object.assign(raw, {
    recommendation_description: description,
    recommendation_level: level,
    recommendation_owner: owner,
    ...due.raw,
  })
  const anything = description || level || owner || due.parts.day || due.parts.month || due.parts.year
  if (!anything && !required) return null
  if (!description) addError(errors, 'recommendation_description', 'Enter the recommendation')
  else if (description.length > LIMITS.recommendation)
    addError(errors, 'recommendation_description', 'Recommendation must be 2,000 characters or fewer')
  if (!actionLevels.has(level)) addError(errors, 'recommendation_level', 'Select the level of the recommendation')
  if (owner.length > LIMITS.owner) addError(errors, 'recommendation_owner', 'Owner must be 200 characters or fewer')
  let dueDate: string | null = null
  if (due.error) addError(errors, 'recommendation_due', due.error.text, due.error.href)
  else if (due.value && due.value < today)
    addError(errors, 'recommendation_due', 'Due date must be today or in the future', '#recommendation_due-day')
  else dueDate = due.value
  return { description, level: level as ActionLevel, ownerOrganisation: owner || null, dueDate }
}

/** Reads the whole review form: its answers, any factors and recommendation typed in, and the button. */
export function readReviewForm(body: unknown, today: string): ReviewForm {
  const raw: RawValues = {}
  const errors = noErrors()
  const intent = readIntent(body)
  const values = readMain(body, raw, errors)
  const addFactors = factorDomains.codes
    .map(domain => readFactor(body, domain, intent.kind === 'add_factor' && intent.domain === domain, raw, errors))
    .filter((f): f is NewFactor => f !== null)
  const recommendation = readRecommendation(body, intent.kind === 'add_recommendation', today, raw, errors)
  return {
    raw,
    values,
    addFactors,
    addRecommendations: recommendation ? [recommendation] : [],
    intent,
    errors: inFormOrder(errors, REVIEW_FORM_ORDER),
  }
}
