/**
 * Reads the period of a release from a query string or the command line: one financial year
 * (`2016-17`) or consecutive years pooled (`2014-15..2016-17`). Anything else is refused with a
 * message a person can act on, before any query runs.
 */
import { todayInLondon } from '../../domain/dates'
import {
  financialYearLabel,
  financialYearOf,
  parseFinancialYear,
  parseFinancialYearSpan,
} from '../../domain/financialYear'
import type { ReleasePeriod } from './foldRelease'

/** Longer than `2014-15..2016-17` with room to spare is not a period; refuse it before parsing. */
const MAX_LENGTH = 32

/** Child death overview panels began in 2008; history before 1990 would be a typing mistake. */
export const EARLIEST_START_YEAR = 1990

export type PeriodResult = { ok: true; period: ReleasePeriod } | { ok: false; message: string }

const EXAMPLE = 'a financial year like 2016-17, or consecutive years like 2014-15..2016-17'

export function parseReleasePeriod(input: unknown, now: Date): PeriodResult {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, message: `Enter ${EXAMPLE}` }
  const text = input.trim()
  if (text.length > MAX_LENGTH) return { ok: false, message: `Enter ${EXAMPLE}` }
  const span = parseFinancialYearSpan(text)
  if (!span) {
    const ends = text.split('..')
    const [first, last] = [parseFinancialYear(ends[0]), parseFinancialYear(ends[ends.length - 1])]
    if (ends.length === 2 && first && last && last.startYear < first.startYear) {
      return { ok: false, message: `The first year must come before the last: ${ends[1]}..${ends[0]}, not ${text}` }
    }
    return { ok: false, message: `“${text}” is not ${EXAMPLE}` }
  }
  const current = financialYearOf(todayInLondon(now))
  if (span.last > current) {
    return { ok: false, message: `${span.last} has not started yet: the latest financial year is ${current}` }
  }
  if (Number(span.first.slice(0, 4)) < EARLIEST_START_YEAR) {
    return { ok: false, message: `Statistics start from ${financialYearLabel(EARLIEST_START_YEAR)}` }
  }
  return { ok: true, period: { label: span.label, years: span.years, start: span.start, end: span.end } }
}
