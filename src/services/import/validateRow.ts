import type {
  CaseStatus,
  Ethnicity,
  Expected,
  ModifiableFactors,
  OnHoldReason,
  PlaceOfDeath,
  Preventability,
  Sex,
} from '../../domain/codes'
import type { IsoDate } from '../../domain/dates'
import { ColumnValues, columnRules, controlCharacterRule, crossColumnRules, RowFacts, statusOf } from './columnRules'
import { ImportColumn, importColumnNames } from './importColumns'
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

/**
 * Checks one row against the import contract and, when it passes, returns
 * the case to save. Rules follow the data dictionary and the database's CHECK constraints, so a
 * row that passes here cannot be refused by the database. Each column has one pure rule
 * (`columnRules`), then the rules across columns run (`crossColumnRules`); a cell's first problem
 * is the one told. Decisions where the contract is silent:
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
  const trimmed = {} as Record<ImportColumn, string>
  const values = {} as Record<ImportColumn, unknown>
  // The first problem with a cell is the one to fix first: its control characters, then its column's rule.
  const messages = new Map<ImportColumn, string>()
  for (const column of importColumnNames) {
    const raw = cells[column]
    const cell = (raw ?? '').trim()
    trimmed[column] = cell
    const checked = columnRules[column](cell)
    values[column] = checked.ok ? checked.value : null
    const control = raw === undefined ? null : controlCharacterRule(raw)
    if (control) messages.set(column, control)
    else if (!checked.ok) messages.set(column, checked.message)
  }
  const facts: RowFacts = { cells: trimmed, values: values as ColumnValues, today }
  for (const rule of crossColumnRules) {
    for (const { column, message } of rule(facts)) if (!messages.has(column)) messages.set(column, message)
  }

  if (messages.size) {
    const problems: Problem[] = [...messages].map(([column, message]) => ({ row, column, message }))
    return { ok: false, problems: problems.sort(compareProblems) }
  }
  const v = facts.values
  const status = statusOf(facts) as CaseStatus
  return {
    ok: true,
    // Every required value below was flagged above if it were missing, so the assertions are safe.
    value: {
      caseRef: v.case_ref as string,
      givenNames: v.given_names,
      familyName: v.family_name,
      nhsNumber: v.nhs_number,
      dateOfBirth: v.date_of_birth as IsoDate,
      dateOfDeath: v.date_of_death as IsoDate,
      sex: v.sex as Sex,
      ethnicity: v.ethnicity as Ethnicity,
      localAuthority: v.local_authority,
      ward: v.ward,
      postcode: v.postcode,
      resident: v.resident as boolean,
      placeOfDeath: v.place_of_death,
      expected: v.expected as Expected,
      notifiedAt: v.notified_at ?? (v.date_of_death as IsoDate),
      jarDate: v.jar_date,
      status,
      onHoldReason: status === 'on_hold' ? 'other' : null,
      reviewDate: v.review_date,
      category: v.category === null ? null : Number(v.category),
      modifiableFactors: v.modifiable_factors,
      preventability: v.preventability,
      learningPoints: v.learning_points,
    },
  }
}
