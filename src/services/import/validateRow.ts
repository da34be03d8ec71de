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
  type Ethnicity,
  type Expected,
  type ModifiableFactors,
  type OnHoldReason,
  type PlaceOfDeath,
  type Preventability,
  type Sex,
} from '../../domain/codes'
import { compareIsoDates, IsoDate, isValidIsoDate } from '../../domain/dates'
import { isValidNhsNumber, normaliseNhsNumber } from '../../domain/nhsNumber'
import { normalisePostcode } from '../../domain/postcode'
import type { ImportColumn } from './importColumns'
import { compareProblems, Problem } from './importProblem'

/** One row of the file, typed and with the contract's defaults applied, ready to save. */
export interface ImportedCase {
  caseRef: string
  givenNames: string | null
  familyName: string | null
  nhsNumber: string | null
  dateOfBirth: IsoDate
  dateOfDeath: IsoDate
  sex: Sex
  ethnicity: Ethnicity
  localAuthority: string | null
  ward: string | null
  postcode: string | null
  resident: boolean
  placeOfDeath: PlaceOfDeath | null
  expected: Expected
  notifiedAt: IsoDate
  jarDate: IsoDate | null
  status: CaseStatus
  onHoldReason: OnHoldReason | null
  reviewDate: IsoDate | null
  category: number | null
  modifiableFactors: ModifiableFactors | null
  preventability: Preventability | null
  learningPoints: string | null
}

/** A row as read from the file: column name → cell text. Columns the file leaves out are empty. */
export type ImportRow = Partial<Record<ImportColumn, string>>

export type RowResult = { ok: true; value: ImportedCase } | { ok: false; problems: Problem[] }

const MISSING: Partial<Record<ImportColumn, string>> = {
  case_ref: 'the case reference is missing: every case needs one',
  date_of_birth: 'the date of birth is missing: every case needs one',
  date_of_death: 'the date of death is missing: every case needs one',
  sex: `the sex is missing: write ${sexes.codes.join(', ')}`,
  expected: `this is missing: write ${expectedness.codes.join(' or ')}`,
}

// The same limits as the case forms: a reference is shown everywhere; short text is a name or a place.
const MAX_REF = 100
const MAX_SHORT = 200
const MAX_LONG = 20_000

// Control characters other than tab and line breaks are debris from broken exports, and PostgreSQL cannot store NUL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** A value quoted back in a message, cut short so a stray paragraph does not swamp the list. */
const quote = (value: string) => `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/**
 * Checks one row against every column rule of the import contract and, when it passes, returns
 * the case to save. Rules follow the data dictionary and the database's CHECK constraints, so a
 * row that passes here cannot be refused by the database. Decisions where the contract is silent:
 *
 * - Cells are trimmed; a cell of spaces is empty. Codes are exact (lower case, ethnicity upper
 *   case); a code in the wrong case is refused with the right spelling in the message.
 * - A review_date means the case is reviewed (data dictionary §3, and the statistics count
 *   reviews by it), so a review_date with any other status is a problem, as is status reviewed
 *   without one. category, modifiable_factors and preventability are a review's outcome, so they
 *   are refused without a review_date.
 * - modifiable_factors `identified` is accepted without contributory factors: imported history
 *   has none, and the rule that asks for one belongs to reviews recorded in the service.
 * - Status on_hold is accepted with the hold reason `other`, as the file cannot say which; the
 *   case has no status to return to, so taking it off hold resumes information gathering.
 * - review_date may not be in the future, like every other date of a case.
 * - postcode, when given, must be a UK postcode and is stored normalised (data dictionary §1).
 */
export function validateRow(cells: ImportRow, row: number, today: IsoDate): RowResult {
  const problems: Problem[] = []
  const flagged = new Set<ImportColumn>()
  const flag = (column: ImportColumn, message: string) => {
    if (flagged.has(column)) return // the first problem with a cell is the one to fix first
    flagged.add(column)
    problems.push({ row, column, message })
  }
  const cell = (column: ImportColumn) => (cells[column] ?? '').trim()

  for (const [column, value] of Object.entries(cells) as [ImportColumn, string][]) {
    if (CONTROL.test(value)) flag(column, 'this cell has a control character in it (such as NUL) that cannot be saved')
  }

  const required = (column: ImportColumn): string | null => {
    const value = cell(column)
    if (!value) flag(column, MISSING[column] ?? 'this is missing')
    return value || null
  }

  const text = (column: ImportColumn, max: number): string | null => {
    const value = cell(column)
    if (value.length > max) flag(column, `this is longer than ${max.toLocaleString('en-GB')} characters`)
    return value || null
  }

  const code = <C extends string>(column: ImportColumn, list: CodeList<C>, value = cell(column)): C | null => {
    if (!value) return null
    if (list.has(value)) return value
    const sameLetters = list.codes.find(c => c.toLowerCase() === value.toLowerCase())
    flag(
      column,
      sameLetters
        ? `${quote(value)} is not a code: write ${sameLetters}`
        : `${quote(value)} is not one of the codes ${list.codes.join(', ')}`,
    )
    return null
  }

  const date = (column: ImportColumn, value = cell(column)): IsoDate | null => {
    if (!value) return null
    if (isValidIsoDate(value)) return value
    flag(
      column,
      /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? `${value} is not a real date`
        : `${quote(value)} is not a date written as YYYY-MM-DD, like 2016-04-01`,
    )
    return null
  }

  // Identity
  const caseRef = required('case_ref') && text('case_ref', MAX_REF)
  const givenNames = text('given_names', MAX_SHORT)
  const familyName = text('family_name', MAX_SHORT)
  let nhsNumber: string | null = null
  if (cell('nhs_number')) {
    const digits = normaliseNhsNumber(cell('nhs_number'))
    if (!/^\d{10}$/.test(digits)) flag('nhs_number', 'the NHS number must be 10 digits (spaces between them are fine)')
    else if (!isValidNhsNumber(digits)) flag('nhs_number', 'this is not a valid NHS number: its check digit is wrong')
    else nhsNumber = digits
  }

  // Dates of the death, and their rules across columns
  const dateOfBirth = required('date_of_birth') && date('date_of_birth')
  const dateOfDeath = required('date_of_death') && date('date_of_death')
  const notifiedAtGiven = date('notified_at')
  const jarDate = date('jar_date')
  // The import has no leaflet date, so no problem it can be flagged for ever names that field.
  caseDateProblems({ dateOfBirth, dateOfDeath, notifiedAt: notifiedAtGiven, jarDate }, today).forEach(p => {
    if (p.field !== 'family_leaflet_sent_on') flag(p.field, lowerFirst(p.message))
  })

  // The child and the place
  const sex = required('sex') && code('sex', sexes)
  const ethnicity = code('ethnicity', ethnicities) ?? 'not_known'
  const localAuthority = text('local_authority', MAX_SHORT)
  const ward = text('ward', MAX_SHORT)
  let postcode: string | null = null
  if (cell('postcode')) {
    postcode = normalisePostcode(cell('postcode'))
    if (!postcode) flag('postcode', 'this is not a UK postcode: write it like SW1A 1AA')
  }
  let resident = true
  const residentText = cell('resident')
  if (residentText === 'no') resident = false
  else if (residentText && residentText !== 'yes') flag('resident', `${quote(residentText)} is not yes or no`)
  const placeOfDeath = code('place_of_death', placesOfDeath)
  const expected = required('expected') && code('expected', expectedness)

  // The review and the status, which must agree with each other
  const reviewGiven = cell('review_date') !== ''
  const reviewDate = date('review_date')
  if (reviewDate && dateOfDeath && compareIsoDates(reviewDate, dateOfDeath) < 0) {
    flag('review_date', 'the review date is before the date of death')
  } else if (reviewDate && compareIsoDates(reviewDate, today) > 0) {
    flag('review_date', 'the review date is in the future')
  }
  const category = code('category', categories)
  const modifiableFactors = code('modifiable_factors', modifiableFactorsOutcomes)
  const preventability = code('preventability', preventabilityOutcomes)
  if (reviewGiven) {
    if (!cell('category'))
      flag('category', 'the category of death is missing: a reviewed case (with a review_date) needs one')
    if (!cell('modifiable_factors') && !cell('preventability')) {
      flag(
        'modifiable_factors',
        'this is missing: a reviewed case needs modifiable_factors, or preventability for a review before April 2010',
      )
    }
  } else {
    for (const outcome of ['category', 'modifiable_factors', 'preventability'] as const) {
      if (cell(outcome)) flag(outcome, `this is the outcome of a review, so it needs the review_date of that review`)
    }
  }
  const statusText = cell('status')
  const defaultStatus: CaseStatus = reviewGiven ? 'reviewed' : 'information_gathering'
  const status = statusText ? code('status', caseStatuses) : defaultStatus
  if (status === 'scheduled') {
    // Scheduled means on a meeting's agenda; history has no meeting, so the case could never leave it.
    flag('status', 'a case cannot be imported as scheduled because it is not on a meeting agenda: use ready_for_panel')
  } else if (status === 'reviewed' && !reviewGiven) {
    flag('status', 'the status is reviewed but review_date is empty: give the date the panel finished the review')
  } else if (status && status !== 'reviewed' && reviewGiven) {
    flag('status', `the status is ${status} but review_date is given: a case with a review date is reviewed`)
  }
  const learningPoints = text('learning_points', MAX_LONG)

  if (problems.length) {
    problems.sort(compareProblems)
    return { ok: false, problems }
  }
  return {
    ok: true,
    // Every value below was flagged above if it were missing, so the assertions are safe.
    value: {
      caseRef: caseRef as string,
      givenNames,
      familyName,
      nhsNumber,
      dateOfBirth: dateOfBirth as IsoDate,
      dateOfDeath: dateOfDeath as IsoDate,
      sex: sex as Sex,
      ethnicity,
      localAuthority,
      ward,
      postcode,
      resident,
      placeOfDeath,
      expected: expected as Expected,
      notifiedAt: notifiedAtGiven ?? (dateOfDeath as IsoDate),
      jarDate,
      status: status as CaseStatus,
      onHoldReason: status === 'on_hold' ? 'other' : null,
      reviewDate,
      category: category === null ? null : Number(category),
      modifiableFactors,
      preventability,
      learningPoints,
    },
  }
}
