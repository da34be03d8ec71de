import { parseIsoDate, toIsoDate, type IsoDate } from './dates'

/**
 * Financial years run from 1 April to 31 March and are written "2016-17" (data dictionary §8).
 * The second part is the last two digits of the following year, so 1999 is "1999-00".
 */

export interface FinancialYear {
  start: IsoDate
  end: IsoDate
  startYear: number
}

export interface FinancialYearSpan {
  /** Canonical label: "2016-17" for one year, "2014-15..2016-17" for a pooled release. */
  label: string
  first: string
  last: string
  /** Every financial year in the span, oldest first. */
  years: string[]
  /** 1 April of the first year. */
  start: IsoDate
  /** 31 March at the end of the last year. */
  end: IsoDate
}

const FY_LABEL = /^(\d{4})-(\d{2})$/
const SPAN_SEPARATOR = '..'

export function financialYearLabel(startYear: number): string {
  if (!Number.isInteger(startYear) || startYear < 1 || startYear > 9998) {
    throw new RangeError(`Financial year must start in a year from 0001 to 9998: ${startYear}`)
  }
  return `${String(startYear).padStart(4, '0')}-${String((startYear + 1) % 100).padStart(2, '0')}`
}

/** The financial year a date falls in: 31 March 2017 is in 2016-17, 1 April 2017 in 2017-18. */
export function financialYearOf(date: IsoDate): string {
  const parts = parseIsoDate(date)
  if (!parts) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${JSON.stringify(date)}`)
  return financialYearLabel(parts.m >= 4 ? parts.y : parts.y - 1)
}

/** "2016-17" → its first and last days; null for anything else ("2016-18", "2016-2017", " 2016-17"). */
export function parseFinancialYear(label: string): FinancialYear | null {
  const match = FY_LABEL.exec(label)
  if (!match) return null
  const startYear = Number(match[1])
  if (startYear < 1 || startYear > 9998 || (startYear + 1) % 100 !== Number(match[2])) return null
  return { start: toIsoDate(startYear, 4, 1), end: toIsoDate(startYear + 1, 3, 31), startYear }
}

function mustParseFinancialYear(label: string): FinancialYear {
  const fy = parseFinancialYear(label)
  if (!fy) throw new RangeError(`Invalid financial year (expected e.g. 2016-17): ${JSON.stringify(label)}`)
  return fy
}

/** Every financial year from `first` to `last` inclusive, oldest first; empty when `last` is before `first`. */
export function financialYearRange(first: string, last: string): string[] {
  const from = mustParseFinancialYear(first).startYear
  const to = mustParseFinancialYear(last).startYear
  const years: string[] = []
  for (let y = from; y <= to; y += 1) years.push(financialYearLabel(y))
  return years
}

/**
 * A release period: one year ("2016-17") or a pooled span ("2014-15..2016-17"). Null when malformed
 * or reversed. A span whose ends are the same year is accepted and labelled as that single year.
 */
export function parseFinancialYearSpan(text: string): FinancialYearSpan | null {
  const ends = text.split(SPAN_SEPARATOR)
  if (ends.length > 2) return null
  const first = parseFinancialYear(ends[0])
  const last = parseFinancialYear(ends[ends.length - 1])
  if (!first || !last || last.startYear < first.startYear) return null
  const firstLabel = financialYearLabel(first.startYear)
  const lastLabel = financialYearLabel(last.startYear)
  return {
    label: firstLabel === lastLabel ? firstLabel : `${firstLabel}${SPAN_SEPARATOR}${lastLabel}`,
    first: firstLabel,
    last: lastLabel,
    years: financialYearRange(firstLabel, lastLabel),
    start: first.start,
    end: last.end,
  }
}
