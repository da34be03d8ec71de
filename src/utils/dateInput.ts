import {
  addDays,
  compareIsoDates,
  dateErrorMessage,
  formatGovukDate,
  IsoDate,
  parseDateParts,
  todayInLondon,
} from '../domain/dates'
import { text } from './formErrors'

export interface DateInputResult {
  /** The three boxes as typed. */
  parts: { day: string; month: string; year: string }
  /** The same, keyed by field name (`<name>-day` …), to show again on the page. */
  raw: Record<string, string>
  /** The date, or null when the boxes are empty or wrong. */
  value: IsoDate | null
  /** The GOV.UK message, linked to the first box to fix; null when there is nothing wrong. */
  error: { text: string; href: string } | null
}

/**
 * Reads a GOV.UK date input (`<name>-day`, `-month`, `-year`). `label` completes "Enter …" and
 * "… must be a real date", e.g. 'the date of the meeting'. Empty boxes are an error only when required.
 */
/** No date the service records is before this (dates of birth included). */
export const EARLIEST_DATE: IsoDate = '1900-01-01'
/** Nor after this (meetings and agency due dates have their own, nearer, bounds; case dates are never in the future). */
export const LATEST_DATE: IsoDate = '2100-12-31'

export interface DateRange {
  earliest?: IsoDate
  latest?: IsoDate
  /** The messages when outside, if not "<label> must be on or after/before <date>". */
  tooEarly?: string
  tooLate?: string
}

/** Today in London, moved by whole years (days: 365 a year is close enough for a bound). */
export const yearsFromToday = (years: number, now = new Date()): IsoDate =>
  addDays(todayInLondon(now), Math.round(years * 365))

export function readDateInput(
  body: unknown,
  name: string,
  label: string,
  options: { required?: boolean } & DateRange = {},
): DateInputResult {
  const parts = {
    day: text(body, `${name}-day`, 20),
    month: text(body, `${name}-month`, 20),
    year: text(body, `${name}-year`, 20),
  }
  const raw = { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year }
  if (!parts.day && !parts.month && !parts.year && !options.required) return { parts, raw, value: null, error: null }
  const parsed = parseDateParts(parts)
  if (parsed.ok) {
    // Every date has bounds: at the widest, none before 1900 and none after 2100.
    const earliest = options.earliest ?? EARLIEST_DATE
    const latest = options.latest ?? LATEST_DATE
    let outside: string | null = null
    if (compareIsoDates(parsed.value, earliest) < 0)
      outside = options.tooEarly ?? `${capitalise(label)} must be on or after ${formatGovukDate(earliest)}`
    else if (compareIsoDates(parsed.value, latest) > 0)
      outside = options.tooLate ?? `${capitalise(label)} must be on or before ${formatGovukDate(latest)}`
    if (outside) return { parts, raw, value: null, error: { text: outside, href: `#${name}-day` } }
    return { parts, raw, value: parsed.value, error: null }
  }
  return {
    parts,
    raw,
    value: null,
    error: { text: dateErrorMessage(parsed, label), href: `#${name}-${parsed.fields[0] ?? 'day'}` },
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** A stored date as the three boxes of a GOV.UK date input, without leading zeros. */
export function dateInputValues(name: string, iso: IsoDate | null | undefined): Record<string, string> {
  const [year, month, day] = iso ? iso.split('-') : ['', '', '']
  return {
    [`${name}-day`]: day ? String(Number(day)) : '',
    [`${name}-month`]: month ? String(Number(month)) : '',
    [`${name}-year`]: year ?? '',
  }
}
