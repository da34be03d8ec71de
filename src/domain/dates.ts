/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`).
 *
 * Dates of birth, death and review are calendar dates, not instants, so all arithmetic here is done
 * on whole years, months and days. JS `Date` is deliberately avoided: it works in instants and the
 * server's local time zone, which shifts dates by a day around midnight and over clock changes.
 */

export type IsoDate = string

export interface DateParts {
  y: number
  m: number
  d: number
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

// Years 1–9999: the range a four-digit ISO year can express (year 0000 is not a real year for people).
const MIN_YEAR = 1
const MAX_YEAR = 9999

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28
  return [4, 6, 9, 11].includes(m) ? 30 : 31
}

function isRealDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= MIN_YEAR &&
    y <= MAX_YEAR &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  )
}

/** Strict `YYYY-MM-DD` that names a real calendar date, or null. */
export function parseIsoDate(s: unknown): DateParts | null {
  if (typeof s !== 'string') return null
  const match = ISO_DATE.exec(s)
  if (!match) return null
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return isRealDate(y, m, d) ? { y, m, d } : null
}

export function isValidIsoDate(s: unknown): s is IsoDate {
  return parseIsoDate(s) !== null
}

/** Builds `YYYY-MM-DD`; throws a RangeError if the parts are not a real date. */
export function toIsoDate(y: number, m: number, d: number): IsoDate {
  if (!isRealDate(y, m, d)) throw new RangeError(`Not a real calendar date: year ${y}, month ${m}, day ${d}`)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function mustParse(s: IsoDate, what = 'date'): DateParts {
  const parts = parseIsoDate(s)
  if (!parts) throw new RangeError(`Invalid ${what} (expected YYYY-MM-DD): ${JSON.stringify(s)}`)
  return parts
}

/** Negative if a is before b, 0 if the same day, positive if a is after b. Throws on invalid dates. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  mustParse(a)
  mustParse(b)
  // Valid four-digit ISO dates sort as strings in calendar order.
  if (a < b) return -1
  return a > b ? 1 : 0
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil):
 * pure integer arithmetic, so no time zone or daylight saving can creep in.
 */
function dayNumber({ y, m, d }: DateParts): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function fromDayNumber(n: number): DateParts {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d }
}

export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Days to add must be a whole number: ${n}`)
  const { y, m, d } = fromDayNumber(dayNumber(mustParse(date)) + n)
  return toIsoDate(y, m, d)
}

/**
 * Adds calendar months, clamping to the end of a shorter month: 31 August + 6 months is
 * 28 February (29 in a leap year), not 2 or 3 March. This is the data dictionary's rule for review duration.
 */
export function addMonthsClamped(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Months to add must be a whole number: ${n}`)
  const { y, m, d } = mustParse(date)
  const monthIndex = y * 12 + (m - 1) + n
  const ny = Math.floor(monthIndex / 12)
  const nm = monthIndex - ny * 12 + 1
  return toIsoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)))
}

/** Whole days from a to b: positive when b is later, 0 for the same day. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(mustParse(b)) - dayNumber(mustParse(a))
}

const londonDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/**
 * Today's calendar date in England for the given instant. Between midnight and 1am in British
 * Summer Time the UTC date is still yesterday, so "not in the future" checks must use this.
 */
export function todayInLondon(now: Date): IsoDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date passed to todayInLondon')
  const parts = londonDateFormat.formatToParts(now)
  const part = (type: string) => Number(parts.find(p => p.type === type)?.value)
  return toIsoDate(part('year'), part('month'), part('day'))
}

/** The date of someone's birthday in a given year; a 29 February birthday falls on 28 February in other years. */
export function birthdayInYear(dob: IsoDate, year: number): IsoDate {
  const { m, d } = mustParse(dob, 'date of birth')
  if (m === 2 && d === 29 && !isLeapYear(year)) return toIsoDate(year, 2, 28)
  return toIsoDate(year, m, d)
}

/** A death on or after this date is out of scope of child death review. */
export function eighteenthBirthday(dob: IsoDate): IsoDate {
  return birthdayInYear(dob, mustParse(dob, 'date of birth').y + 18)
}

/** GOV.UK style, e.g. "4 June 2025". Empty string for a missing date; throws on an invalid one. */
export function formatGovukDate(iso: IsoDate | null | undefined): string {
  if (iso == null || iso === '') return ''
  const { y, m, d } = mustParse(iso)
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`
}

const londonLongDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})

/**
 * The one date format of pages and letters, "4 June 2025", for a calendar date or an instant (the
 * instant's day in London). Empty for nothing.
 */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return ''
  if (typeof value === 'string' && isValidIsoDate(value)) return formatGovukDate(value)
  return londonLongDate.format(new Date(value))
}

// ---------------------------------------------------------------------------------------------
// GOV.UK date input (three fields: day, month, year)

export type DatePartName = 'day' | 'month' | 'year'

export type DatePartsError =
  | 'missing'
  | 'missing_day'
  | 'missing_month'
  | 'missing_year'
  | 'not_a_number'
  | 'invalid_date'
  | 'year_not_four_digits'

export type ParseDatePartsResult =
  | { ok: true; value: IsoDate }
  // `fields` lists the inputs to highlight, in page order, so the error summary can link to the first.
  | { ok: false; error: DatePartsError; fields: DatePartName[] }

export interface DatePartsInput {
  day?: unknown
  month?: unknown
  year?: unknown
}

// Anything longer than this is not someone typing a date; refuse it before doing any work on it.
const MAX_PART_LENGTH = 20

// GOV.UK asks services to accept month names and abbreviations ("Jan", "January") in the month field.
const MONTHS_BY_NAME = new Map<string, number>()
MONTH_NAMES.forEach((name, i) => {
  MONTHS_BY_NAME.set(name.toLowerCase(), i + 1)
  MONTHS_BY_NAME.set(name.slice(0, 3).toLowerCase(), i + 1)
})
MONTHS_BY_NAME.set('sept', 9)

function partText(value: unknown): string | null {
  if (value == null) return ''
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return null // e.g. an array from a repeated form field
  return value.trim()
}

/**
 * Reads a GOV.UK date input. Spaces around values and leading zeros are fine ("04", " 2025 "); the
 * month may be a number, a month name or its three-letter abbreviation.
 */
export function parseDateParts(input: DatePartsInput): ParseDatePartsResult {
  const names: DatePartName[] = ['day', 'month', 'year']
  const texts = {
    day: partText(input.day),
    month: partText(input.month),
    year: partText(input.year),
  }

  const empty = names.filter(n => texts[n] === '')
  if (empty.length === 3) return { ok: false, error: 'missing', fields: names }
  if (empty.length > 0) {
    const error = `missing_${empty[0]}` as DatePartsError
    return { ok: false, error, fields: empty }
  }

  const values: Partial<Record<DatePartName, number>> = {}
  const notNumbers: DatePartName[] = []
  for (const n of names) {
    const text = texts[n]
    if (text === null || text.length > MAX_PART_LENGTH) {
      notNumbers.push(n)
    } else if (/^\d+$/.test(text)) {
      values[n] = Number(text)
    } else if (n === 'month' && MONTHS_BY_NAME.has(text.toLowerCase())) {
      values[n] = MONTHS_BY_NAME.get(text.toLowerCase())
    } else {
      notNumbers.push(n)
    }
  }
  if (notNumbers.length > 0) return { ok: false, error: 'not_a_number', fields: notNumbers }

  // "25" is not 2025: GOV.UK asks for the full year rather than guessing the century.
  if (!/^\d{4}$/.test(texts.year as string)) return { ok: false, error: 'year_not_four_digits', fields: ['year'] }

  const y = values.year as number
  const m = values.month as number
  const d = values.day as number
  if (m < 1 || m > 12) {
    const fields: DatePartName[] = d < 1 || d > 31 ? ['day', 'month'] : ['month']
    return { ok: false, error: 'invalid_date', fields }
  }
  if (y < MIN_YEAR) return { ok: false, error: 'invalid_date', fields: ['year'] }
  if (d < 1 || d > daysInMonth(y, m)) return { ok: false, error: 'invalid_date', fields: ['day'] }
  return { ok: true, value: toIsoDate(y, m, d) }
}

/**
 * The GOV.UK error message for a failed date input, e.g. "Date of birth must include a month", or
 * "... must include a day and month" when two are missing. `label` is written as it reads
 * mid-sentence ("date of birth").
 */
export function dateErrorMessage(failure: { error: DatePartsError; fields: DatePartName[] }, label: string): string {
  const sentence = label.charAt(0).toUpperCase() + label.slice(1)
  switch (failure.error) {
    case 'missing':
      return `Enter ${label}`
    case 'missing_day':
    case 'missing_month':
    case 'missing_year':
      return `${sentence} must include a ${failure.fields.join(' and ')}`
    case 'year_not_four_digits':
      return 'Year must include 4 numbers'
    case 'not_a_number':
    case 'invalid_date':
      return `${sentence} must be a real date`
  }
}
