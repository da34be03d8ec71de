import { dateErrorMessage, IsoDate, parseDateParts } from '../domain/dates'
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
export function readDateInput(
  body: unknown,
  name: string,
  label: string,
  options: { required?: boolean } = {},
): DateInputResult {
  const parts = {
    day: text(body, `${name}-day`, 20),
    month: text(body, `${name}-month`, 20),
    year: text(body, `${name}-year`, 20),
  }
  const raw = { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year }
  if (!parts.day && !parts.month && !parts.year && !options.required) return { parts, raw, value: null, error: null }
  const parsed = parseDateParts(parts)
  if (parsed.ok) return { parts, raw, value: parsed.value, error: null }
  return {
    parts,
    raw,
    value: null,
    error: { text: dateErrorMessage(parsed, label), href: `#${name}-${parsed.fields[0] ?? 'day'}` },
  }
}

/** A stored date as the three boxes of a GOV.UK date input, without leading zeros. */
export function dateInputValues(name: string, iso: IsoDate | null | undefined): Record<string, string> {
  const [year, month, day] = iso ? iso.split('-') : ['', '', '']
  return {
    [`${name}-day`]: day ? String(Number(day)) : '',
    [`${name}-month`]: month ? String(Number(month)) : '',
    [`${name}-year`]: year ?? '',
  }
}
