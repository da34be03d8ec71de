import { caseDateProblems } from '../../domain/caseRules'
import {
  caseStatuses,
  categories,
  CodeList,
  ethnicities,
  expectedness,
  modifiableFactorsOutcomes,
  placesOfDeath,
  preventabilityOutcomes,
  sexes,
  type CaseStatus,
} from '../../domain/codes'
import { compareIsoDates, IsoDate, isValidIsoDate } from '../../domain/dates'
import { isValidNhsNumber, normaliseNhsNumber } from '../../domain/nhsNumber'
import { normalisePostcode } from '../../domain/postcode'
import type { ImportColumn } from './importColumns'
import { truncate } from '../../domain/wellFormedText'

/**
 * The import contract's rules, one small pure function per column (shared/spec/import-format.md),
 * then the rules that read more than one column. `validateRow` puts them together.
 */

/** What a column's rule makes of its (trimmed) cell: the value to save, or the one thing wrong with it. */
export type CellCheck<T> = { ok: true; value: T } | { ok: false; message: string }

const valid = <T>(value: T): CellCheck<T> => ({ ok: true, value })
const wrong = (message: string): CellCheck<never> => ({ ok: false, message })

// The same limits as the case forms: a reference is shown everywhere; short text is a name or a place.
export const MAX_REF = 100
export const MAX_SHORT = 200
export const MAX_LONG = 20_000

// Control characters other than tab and line breaks are debris from broken exports, and PostgreSQL cannot store NUL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** The rule every cell meets before its column's own, on the cell as written (before trimming). */
export const controlCharacterRule = (raw: string): string | null =>
  CONTROL.test(raw) ? 'this cell has a control character in it (such as NUL) that cannot be saved' : null

/** A value quoted back in a message, cut short so a stray paragraph does not swamp the list. */
export const quote = (value: string) => `"${value.length > 40 ? `${truncate(value, 40)}…` : value}"`

/** Free text of at most `max` characters; empty is no value. */
export const text =
  (max: number) =>
  (cell: string): CellCheck<string | null> =>
    cell.length > max ? wrong(`this is longer than ${max.toLocaleString('en-GB')} characters`) : valid(cell || null)

/** One of a code list's codes, exactly; a code in the wrong case is told its right spelling. Empty is no value. */
export const code =
  <C extends string>(list: CodeList<C>) =>
  (cell: string): CellCheck<C | null> => {
    if (!cell) return valid(null)
    if (list.has(cell)) return valid(cell)
    const sameLetters = list.codes.find(c => c.toLowerCase() === cell.toLowerCase())
    return wrong(
      sameLetters
        ? `${quote(cell)} is not a code: write ${sameLetters}`
        : `${quote(cell)} is not one of the codes ${list.codes.join(', ')}`,
    )
  }

/** A real calendar date written YYYY-MM-DD. Empty is no value. */
export const date = (cell: string): CellCheck<IsoDate | null> => {
  if (!cell) return valid(null)
  if (isValidIsoDate(cell)) return valid(cell)
  return wrong(
    /^\d{4}-\d{2}-\d{2}$/.test(cell)
      ? `${cell} is not a real date`
      : `${quote(cell)} is not a date written as YYYY-MM-DD, like 2016-04-01`,
  )
}

/** A column every case needs: empty is `missing`, anything else goes to `rule`. */
export const required =
  <T>(missing: string, rule: (cell: string) => CellCheck<T | null>) =>
  (cell: string): CellCheck<T> =>
    cell ? (rule(cell) as CellCheck<T>) : wrong(missing)

export const nhsNumber = (cell: string): CellCheck<string | null> => {
  if (!cell) return valid(null)
  const digits = normaliseNhsNumber(cell)
  if (!/^\d{10}$/.test(digits)) return wrong('the NHS number must be 10 digits (spaces between them are fine)')
  if (!isValidNhsNumber(digits)) return wrong('this is not a valid NHS number: its check digit is wrong')
  return valid(digits)
}

/** A UK postcode, stored normalised (data dictionary §1). */
export const postcode = (cell: string): CellCheck<string | null> => {
  if (!cell) return valid(null)
  const normalised = normalisePostcode(cell)
  return normalised ? valid(normalised) : wrong('this is not a UK postcode: write it like SW1A 1AA')
}

/** yes or no; empty means yes. */
export const resident = (cell: string): CellCheck<boolean> => {
  if (!cell || cell === 'yes') return valid(true)
  if (cell === 'no') return valid(false)
  return wrong(`${quote(cell)} is not yes or no`)
}

/** The status as written; empty is decided across columns (reviewed with a review_date). */
const status = code(caseStatuses)

/** The rule of each column, in the contract's order. */
export const columnRules = {
  case_ref: required('the case reference is missing: every case needs one', text(MAX_REF)),
  given_names: text(MAX_SHORT),
  family_name: text(MAX_SHORT),
  nhs_number: nhsNumber,
  date_of_birth: required('the date of birth is missing: every case needs one', date),
  date_of_death: required('the date of death is missing: every case needs one', date),
  sex: required(`the sex is missing: write ${sexes.codes.join(', ')}`, code(sexes)),
  ethnicity: (cell: string) => {
    const checked = code(ethnicities)(cell)
    return checked.ok ? valid(checked.value ?? 'not_known') : checked
  },
  local_authority: text(MAX_SHORT),
  ward: text(MAX_SHORT),
  postcode,
  resident,
  place_of_death: code(placesOfDeath),
  expected: required(`this is missing: write ${expectedness.codes.join(' or ')}`, code(expectedness)),
  notified_at: date,
  jar_date: date,
  status,
  review_date: date,
  category: code(categories),
  modifiable_factors: code(modifiableFactorsOutcomes),
  preventability: code(preventabilityOutcomes),
  learning_points: text(MAX_LONG),
} satisfies Record<ImportColumn, (cell: string) => CellCheck<unknown>>

type Rules = typeof columnRules
type ValueOf<R> = R extends (cell: string) => CellCheck<infer T> ? T : never

/** Each column's value, or null where its cell broke its rule. */
export type ColumnValues = { [C in ImportColumn]: ValueOf<Rules[C]> | null }

/** The row's trimmed cells (empty for a column the file leaves out) and each column's value. */
export interface RowFacts {
  cells: Record<ImportColumn, string>
  values: ColumnValues
  today: IsoDate
}

export interface ColumnProblem {
  column: ImportColumn
  message: string
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** The data dictionary's rules between dates (birth, death, 18th birthday, notification, joint agency response). */
export function caseDatesRule({ values, today }: RowFacts): ColumnProblem[] {
  const dates = {
    dateOfBirth: values.date_of_birth,
    dateOfDeath: values.date_of_death,
    notifiedAt: values.notified_at,
    jarDate: values.jar_date,
  }
  // The import has no leaflet date, so no problem it can be flagged for ever names that field.
  return caseDateProblems(dates, today).flatMap(p =>
    p.field === 'family_leaflet_sent_on' ? [] : [{ column: p.field, message: lowerFirst(p.message) }],
  )
}

/** review_date: not before the death, not in the future. */
export function reviewDateRule({ values, today }: RowFacts): ColumnProblem[] {
  const review = values.review_date
  if (review && values.date_of_death && compareIsoDates(review, values.date_of_death) < 0) {
    return [{ column: 'review_date', message: 'the review date is before the date of death' }]
  }
  if (review && compareIsoDates(review, today) > 0) {
    return [{ column: 'review_date', message: 'the review date is in the future' }]
  }
  return []
}

/**
 * category, modifiable_factors and preventability are a review's outcome: needed with a
 * review_date (modifiable_factors, or preventability for a review before April 2010), refused without.
 */
export function reviewOutcomeRule({ cells }: RowFacts): ColumnProblem[] {
  if (!cells.review_date) {
    return (['category', 'modifiable_factors', 'preventability'] as const)
      .filter(outcome => cells[outcome])
      .map(column => ({
        column,
        message: 'this is the outcome of a review, so it needs the review_date of that review',
      }))
  }
  const problems: ColumnProblem[] = []
  if (!cells.category) {
    problems.push({
      column: 'category',
      message: 'the category of death is missing: a reviewed case (with a review_date) needs one',
    })
  }
  if (!cells.modifiable_factors && !cells.preventability) {
    problems.push({
      column: 'modifiable_factors',
      message:
        'this is missing: a reviewed case needs modifiable_factors, or preventability for a review before April 2010',
    })
  }
  return problems
}

/** The status the case is saved with: as written, else reviewed with a review_date, else information_gathering. */
export const statusOf = ({ cells, values }: Pick<RowFacts, 'cells' | 'values'>): CaseStatus | null => {
  if (cells.status) return values.status
  return cells.review_date ? 'reviewed' : 'information_gathering'
}

/** The status must agree with the review_date; and history has no meeting for a case to be scheduled at. */
export function statusRule(facts: RowFacts): ColumnProblem[] {
  const current = statusOf(facts)
  const reviewGiven = facts.cells.review_date !== ''
  if (current === 'scheduled') {
    // Scheduled means on a meeting's agenda; history has no meeting, so the case could never leave it.
    return [
      {
        column: 'status',
        message: 'a case cannot be imported as scheduled because it is not on a meeting agenda: use ready_for_panel',
      },
    ]
  }
  if (current === 'reviewed' && !reviewGiven) {
    return [
      {
        column: 'status',
        message: 'the status is reviewed but review_date is empty: give the date the panel finished the review',
      },
    ]
  }
  if (current && current !== 'reviewed' && reviewGiven) {
    return [
      {
        column: 'status',
        message: `the status is ${current} but review_date is given: a case with a review date is reviewed`,
      },
    ]
  }
  return []
}

/** The rules across columns, in the order their problems are told when two fall on one cell. */
export const crossColumnRules: readonly ((facts: RowFacts) => ColumnProblem[])[] = [
  caseDatesRule,
  reviewDateRule,
  reviewOutcomeRule,
  statusRule,
]
