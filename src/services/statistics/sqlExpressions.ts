/**
 * The derived values of data dictionary §8 as PostgreSQL expressions, so the statistics are counted
 * in the database without loading a single case into the application. Each mirrors a pure function
 * in src/domain (ageBand, financialYearOf, reviewDuration, sexGroup, ethnicityGroupOf); the
 * agreement tests run both over the same edge-date cases and require the same answers.
 *
 * Column names are fixed identifiers of the cases table, never input, so building SQL text from
 * them is safe; every value that comes from a request is a bind parameter.
 */
import { ethnicityGroupOf, ethnicityGroups } from '../../domain/codes'

/**
 * Cases reviewed by this panel or still open with it: not transferred to another panel, not out of
 * scope, and not merged into another case (a merged record is the same child, counted once).
 */
export const IN_SCOPE = "status NOT IN ('transferred_out', 'out_of_scope', 'merged')"

/** A review completed and not reopened (a reopened case counts again once re-reviewed, under its latest date). */
export const REVIEWED = "status = 'reviewed'"

const literal = (code: string): string => `'${code.replace(/'/g, "''")}'`

/** Start year of the financial year a date falls in: 1 April to 31 March (2016 for 31 March 2017). */
export function financialYearStartSql(column: string): string {
  return `(extract(year FROM ${column})::int - CASE WHEN extract(month FROM ${column}) < 4 THEN 1 ELSE 0 END)`
}

/**
 * Age band at death. "Completed n years" is `dod >= dob + n years`: PostgreSQL adds years to
 * 29 February by clamping to 28 February in other years, which is exactly the dictionary's rule for
 * birthdays. The database refuses deaths on or after the 18th birthday, so there is no 18+ band.
 */
export function ageBandSql(dob = 'date_of_birth', dod = 'date_of_death'): string {
  const completed = (years: number) => `${dod} >= (${dob} + interval '${years} years')::date`
  return `CASE
    WHEN ${dod} - ${dob} < 28 THEN '0_27d'
    WHEN NOT (${completed(1)}) THEN '28_364d'
    WHEN NOT (${completed(5)}) THEN '1_4y'
    WHEN NOT (${completed(10)}) THEN '5_9y'
    WHEN NOT (${completed(15)}) THEN '10_14y'
    ELSE '15_17y' END`
}

/** Publication sex group: indeterminate and not known together as other. */
export function sexGroupSql(column = 'sex'): string {
  return `CASE ${column} WHEN 'male' THEN 'male' WHEN 'female' THEN 'female' ELSE 'other' END`
}

/** Publication ethnic group, generated from the one mapping in the code lists so the two cannot drift. */
export function ethnicityGroupSql(column = 'ethnicity'): string {
  const branches = ethnicityGroups.codes.map(group => {
    const codes = Object.entries(ethnicityGroupOf)
      .filter(([, g]) => g === group)
      .map(([code]) => literal(code))
    return `WHEN ${column} IN (${codes.join(', ')}) THEN ${literal(group)}`
  })
  // An unknown code (impossible under the table's check constraint) is counted as not known rather than lost.
  return `CASE ${branches.join(' ')} ELSE 'not_known' END`
}

/**
 * Time from death to review. `date + interval 'n months'` clamps to the end of a shorter month
 * (31 August + 6 months = 28 or 29 February), the dictionary's rule, so a review exactly 6 months on
 * is already "6 to 12 months".
 */
export function reviewDurationSql(dod = 'date_of_death', reviewDate = 'review_date'): string {
  const before = (months: number) => `${reviewDate} < (${dod} + interval '${months} months')::date`
  return `CASE
    WHEN ${before(6)} THEN 'under_6_months'
    WHEN ${before(12)} THEN '6_to_12_months'
    ELSE 'over_12_months' END`
}

/** Whole days between two dates, never negative (a date recorded in the wrong order counts as 0). */
export const daysBetweenSql = (from: string, to: string): string => `greatest(${to} - ${from}, 0)`

/** The median as review_timeliness defines it: the lower middle value, a whole number of days. */
export const medianSql = (expression: string): string => `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${expression})`

/** A timestamp's date in London, where the panel works. */
export const londonDateSql = (column: string): string => `(${column} AT TIME ZONE 'Europe/London')::date`
