import fc from 'fast-check'
import {
  formatDate,
  addDays,
  addMonthsClamped,
  birthdayInYear,
  compareIsoDates,
  dateErrorMessage,
  daysBetween,
  daysInMonth,
  eighteenthBirthday,
  formatGovukDate,
  isLeapYear,
  isValidIsoDate,
  parseDateParts,
  parseIsoDate,
  toIsoDate,
  todayInLondon,
} from '../../../src/domain/dates'
import { formatDate as viewFormatDate } from '../../../src/views/viewHelpers'

/** Any real calendar date from 1800 to 2200, as an ISO string. */
const isoDateArb = fc
  .record({
    y: fc.integer({ min: 1800, max: 2200 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => toIsoDate(y, m, Math.min(d, daysInMonth(y, m))))

/** Reference implementation using UTC milliseconds (never local time). */
function utcDays(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / 86_400_000
}

describe('isLeapYear and daysInMonth', () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
  ])('isLeapYear(%i) is %s', (y, leap) => {
    expect(isLeapYear(y)).toBe(leap)
  })

  it('knows the length of each month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(m => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ])
    expect(daysInMonth(2024, 2)).toBe(29)
  })
})

describe('parseIsoDate', () => {
  it('parses a real date', () => {
    expect(parseIsoDate('2025-06-04')).toEqual({ y: 2025, m: 6, d: 4 })
    expect(parseIsoDate('2025-12-31')).toEqual({ y: 2025, m: 12, d: 31 })
    expect(parseIsoDate('0001-01-01')).toEqual({ y: 1, m: 1, d: 1 })
  })

  it('accepts 29 February only in leap years', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 })
    expect(parseIsoDate('2000-02-29')).not.toBeNull()
    expect(parseIsoDate('2023-02-29')).toBeNull()
    expect(parseIsoDate('1900-02-29')).toBeNull()
    expect(parseIsoDate('2100-02-29')).toBeNull()
  })

  it.each([
    '2025-04-31',
    '2025-02-30',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-32',
    '0000-01-01',
    '2025-4-1',
    '25-04-01',
    '02025-04-01',
    ' 2025-04-01',
    '2025-04-01 ',
    '2025-04-01T00:00:00Z',
    '2025/04/01',
    '01-04-2025',
    '２０２５-０４-０１',
    '',
    'not a date',
  ])('rejects %j', s => {
    expect(parseIsoDate(s)).toBeNull()
    expect(isValidIsoDate(s)).toBe(false)
  })

  it('rejects values that are not strings', () => {
    expect(parseIsoDate(undefined)).toBeNull()
    expect(parseIsoDate(null)).toBeNull()
    expect(parseIsoDate(20250401)).toBeNull()
    expect(parseIsoDate(new Date())).toBeNull()
  })

  it('round-trips with toIsoDate', () => {
    fc.assert(
      fc.property(isoDateArb, iso => {
        const p = parseIsoDate(iso)
        expect(p).not.toBeNull()
        expect(toIsoDate(p!.y, p!.m, p!.d)).toBe(iso)
      }),
    )
  })
})

describe('toIsoDate', () => {
  it('pads year, month and day', () => {
    expect(toIsoDate(2025, 6, 4)).toBe('2025-06-04')
    expect(toIsoDate(999, 1, 1)).toBe('0999-01-01')
  })

  it('throws for a date that does not exist', () => {
    expect(() => toIsoDate(2023, 2, 29)).toThrow(RangeError)
    expect(() => toIsoDate(2025, 13, 1)).toThrow(RangeError)
    expect(() => toIsoDate(2025, 1, 1.5)).toThrow(RangeError)
    expect(() => toIsoDate(10000, 1, 1)).toThrow(RangeError)
  })
})

describe('compareIsoDates', () => {
  it('orders dates', () => {
    expect(compareIsoDates('2025-03-31', '2025-04-01')).toBe(-1)
    expect(compareIsoDates('2025-04-01', '2025-03-31')).toBe(1)
    expect(compareIsoDates('2025-04-01', '2025-04-01')).toBe(0)
    expect(compareIsoDates('1999-12-31', '2000-01-01')).toBe(-1)
  })

  it('throws rather than comparing garbage', () => {
    expect(() => compareIsoDates('2025-4-1', '2025-04-01')).toThrow(/Invalid date/)
    expect(() => compareIsoDates('2025-04-01', '')).toThrow(RangeError)
  })

  it('agrees with the day count', () => {
    fc.assert(
      fc.property(isoDateArb, isoDateArb, (a, b) => {
        expect(compareIsoDates(a, b)).toBe(Math.sign(daysBetween(b, a)))
      }),
    )
  })
})

describe('addDays', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-01'],
    ['2025-06-04', 0, '2025-06-04'],
    ['2000-01-01', 366, '2001-01-01'],
    ['1900-01-01', 365, '1901-01-01'],
    ['2025-03-30', 1, '2025-03-31'], // the clocks change on 30 March 2025; calendar arithmetic must not notice
    ['2025-10-26', 1, '2025-10-27'],
  ])('%s + %i days is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected)
  })

  it('refuses fractional days and invalid dates', () => {
    expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError)
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError)
  })

  it('matches a UTC reference and inverts', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: -40_000, max: 40_000 }), (date, n) => {
        const later = addDays(date, n)
        expect(isValidIsoDate(later)).toBe(true)
        expect(utcDays(later) - utcDays(date)).toBe(n)
        expect(addDays(later, -n)).toBe(date)
        expect(daysBetween(date, later)).toBe(n)
      }),
    )
  })
})

describe('addMonthsClamped', () => {
  it.each([
    ['2025-08-31', 6, '2026-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-05-31', 6, '2025-11-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-02-29', 6, '2024-08-29'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-01-15', -13, '2023-12-15'],
    ['2025-06-04', 0, '2025-06-04'],
    ['2025-06-04', 120, '2035-06-04'],
  ])('%s + %i months is %s', (date, n, expected) => {
    expect(addMonthsClamped(date, n)).toBe(expected)
  })

  it('refuses fractional months and invalid dates', () => {
    expect(() => addMonthsClamped('2025-01-01', 1.5)).toThrow(RangeError)
    expect(() => addMonthsClamped('2025-02-29', 1)).toThrow(RangeError)
  })

  it('lands in exactly the expected month, on the same day or clamped to its end', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: -600, max: 600 }), (date, n) => {
        const result = addMonthsClamped(date, n)
        const from = parseIsoDate(date)!
        const to = parseIsoDate(result)
        expect(to).not.toBeNull()
        expect(to!.y * 12 + to!.m).toBe(from.y * 12 + from.m + n)
        expect(to!.d).toBe(Math.min(from.d, daysInMonth(to!.y, to!.m)))
      }),
    )
  })

  it('never goes backwards when adding months', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 240 }), (date, n) => {
        expect(compareIsoDates(addMonthsClamped(date, n), addMonthsClamped(date, n + 1))).toBe(-1)
        expect(compareIsoDates(date, addMonthsClamped(date, n))).toBeLessThanOrEqual(0)
      }),
    )
  })
})

describe('daysBetween', () => {
  it('counts whole days from a to b', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1)
    expect(daysBetween('2025-03-31', '2025-04-01')).toBe(1)
    expect(daysBetween('2025-04-01', '2025-03-31')).toBe(-1)
    expect(daysBetween('2025-06-04', '2025-06-04')).toBe(0)
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
  })
})

describe('todayInLondon', () => {
  it.each([
    // Winter (GMT): London date equals the UTC date.
    ['2025-01-15T23:59:59Z', '2025-01-15'],
    ['2025-12-31T23:59:59Z', '2025-12-31'],
    ['2026-01-01T00:00:00Z', '2026-01-01'],
    // Summer (BST, UTC+1): from 23:00 UTC it is already tomorrow in London.
    ['2025-06-01T22:59:59Z', '2025-06-01'],
    ['2025-06-01T23:00:00Z', '2025-06-02'],
    ['2025-03-31T23:30:00Z', '2025-04-01'],
    // Clocks go forward at 01:00 UTC on 30 March 2025 and back at 01:00 UTC on 26 October 2025.
    ['2025-03-30T00:30:00Z', '2025-03-30'],
    ['2025-03-29T23:30:00Z', '2025-03-29'],
    ['2025-10-25T23:30:00Z', '2025-10-26'],
    ['2025-10-26T23:30:00Z', '2025-10-26'],
  ])('at %s it is %s in London', (instant, expected) => {
    expect(todayInLondon(new Date(instant))).toBe(expected)
  })

  it('throws for an invalid Date', () => {
    expect(() => todayInLondon(new Date('nonsense'))).toThrow(RangeError)
  })
})

describe('birthdayInYear and eighteenthBirthday', () => {
  it('puts a 29 February birthday on 28 February in other years', () => {
    expect(birthdayInYear('2008-02-29', 2009)).toBe('2009-02-28')
    expect(birthdayInYear('2008-02-29', 2012)).toBe('2012-02-29')
    expect(birthdayInYear('2008-02-29', 2100)).toBe('2100-02-28')
  })

  it('keeps other birthdays', () => {
    expect(birthdayInYear('2010-02-28', 2012)).toBe('2012-02-28')
    expect(birthdayInYear('2010-03-01', 2012)).toBe('2012-03-01')
    expect(birthdayInYear('2010-12-31', 2011)).toBe('2011-12-31')
  })

  it('finds the 18th birthday', () => {
    expect(eighteenthBirthday('2006-06-15')).toBe('2024-06-15')
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-02-28')
    expect(eighteenthBirthday('2000-02-29')).toBe('2018-02-28')
    expect(eighteenthBirthday('2010-02-28')).toBe('2028-02-28')
  })

  it('throws for an invalid date of birth', () => {
    expect(() => eighteenthBirthday('2007-02-29')).toThrow(/date of birth/)
  })
})

describe('formatGovukDate', () => {
  it.each([
    ['2025-06-04', '4 June 2025'],
    ['2025-01-31', '31 January 2025'],
    ['2024-02-29', '29 February 2024'],
    ['2016-04-01', '1 April 2016'],
    ['1999-12-10', '10 December 1999'],
  ])('formats %s as %j', (iso, expected) => {
    expect(formatGovukDate(iso)).toBe(expected)
  })

  it('shows nothing for a missing date', () => {
    expect(formatGovukDate(null)).toBe('')
    expect(formatGovukDate(undefined)).toBe('')
    expect(formatGovukDate('')).toBe('')
  })

  it('throws for an invalid date', () => {
    expect(() => formatGovukDate('2025-02-30')).toThrow(RangeError)
  })
})

describe('parseDateParts', () => {
  it.each([
    [{ day: '4', month: '6', year: '2025' }, '2025-06-04'],
    [{ day: '04', month: '06', year: '2025' }, '2025-06-04'],
    [{ day: ' 4 ', month: '\t6', year: '2025 ' }, '2025-06-04'],
    [{ day: '004', month: '0006', year: '2025' }, '2025-06-04'],
    [{ day: '29', month: '2', year: '2024' }, '2024-02-29'],
    [{ day: '31', month: '12', year: '1999' }, '1999-12-31'],
    [{ day: '4', month: 'June', year: '2025' }, '2025-06-04'],
    [{ day: '4', month: 'june', year: '2025' }, '2025-06-04'],
    [{ day: '4', month: 'JUN', year: '2025' }, '2025-06-04'],
    [{ day: '1', month: 'Sept', year: '2025' }, '2025-09-01'],
    [{ day: '1', month: 'sep', year: '2025' }, '2025-09-01'],
    [{ day: '1', month: ' December ', year: '2025' }, '2025-12-01'],
    [{ day: 4, month: 6, year: 2025 }, '2025-06-04'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseDateParts(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    [{}, 'missing', ['day', 'month', 'year']],
    [{ day: '', month: ' ', year: '' }, 'missing', ['day', 'month', 'year']],
    [{ day: '', month: '6', year: '2025' }, 'missing_day', ['day']],
    [{ day: '4', month: '', year: '2025' }, 'missing_month', ['month']],
    [{ day: '4', month: '6', year: '' }, 'missing_year', ['year']],
    [{ day: '4', month: '6' }, 'missing_year', ['year']],
    [{ day: '', month: '', year: '2025' }, 'missing_day', ['day', 'month']],
    [{ day: '4', month: '', year: '' }, 'missing_month', ['month', 'year']],
    [{ day: 'four', month: '6', year: '2025' }, 'not_a_number', ['day']],
    [{ day: '4', month: 'Junember', year: '2025' }, 'not_a_number', ['month']],
    [{ day: '4', month: '6', year: '2O25' }, 'not_a_number', ['year']],
    [{ day: '4.5', month: '6', year: '2025' }, 'not_a_number', ['day']],
    [{ day: '-4', month: '6', year: '2025' }, 'not_a_number', ['day']],
    [{ day: '1 2', month: '6', year: '2025' }, 'not_a_number', ['day']],
    [{ day: 'x', month: 'y', year: '2025' }, 'not_a_number', ['day', 'month']],
    [{ day: ['4', '5'], month: '6', year: '2025' }, 'not_a_number', ['day']],
    [{ day: '4', month: '6', year: '25' }, 'year_not_four_digits', ['year']],
    [{ day: '4', month: '6', year: '02025' }, 'year_not_four_digits', ['year']],
    [{ day: '4', month: '6', year: '20255' }, 'year_not_four_digits', ['year']],
    [{ day: '29', month: '2', year: '2023' }, 'invalid_date', ['day']],
    [{ day: '31', month: '4', year: '2025' }, 'invalid_date', ['day']],
    [{ day: '0', month: '4', year: '2025' }, 'invalid_date', ['day']],
    [{ day: '123', month: '4', year: '2025' }, 'invalid_date', ['day']],
    [{ day: '4', month: '13', year: '2025' }, 'invalid_date', ['month']],
    [{ day: '4', month: '0', year: '2025' }, 'invalid_date', ['month']],
    [{ day: '32', month: '13', year: '2025' }, 'invalid_date', ['day', 'month']],
    [{ day: '1', month: '1', year: '0000' }, 'invalid_date', ['year']],
  ])('refuses %j with %s', (input, error, fields) => {
    expect(parseDateParts(input)).toEqual({ ok: false, error, fields })
  })

  it('refuses absurdly long values without trying to read them', () => {
    const failure = (fields: string[]) => ({ ok: false, error: 'not_a_number', fields })
    expect(parseDateParts({ day: '0'.repeat(21) + '4', month: '6', year: '2025' })).toEqual(failure(['day']))
    expect(parseDateParts({ day: '4', month: '6', year: '9'.repeat(400) })).toEqual(failure(['year']))
    expect(parseDateParts({ day: '4', month: 'June', year: 'x'.repeat(10_000) })).toEqual(failure(['year']))
  })

  it('accepts every real date written in numbers, with or without leading zeros', () => {
    fc.assert(
      fc.property(isoDateArb, fc.boolean(), (iso, pad) => {
        const { y, m, d } = parseIsoDate(iso)!
        const text = (n: number) => (pad ? String(n).padStart(2, '0') : String(n))
        expect(parseDateParts({ day: text(d), month: text(m), year: String(y) })).toEqual({ ok: true, value: iso })
      }),
    )
  })

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (day, month, year) => {
        const result = parseDateParts({ day, month, year })
        if (result.ok) expect(isValidIsoDate(result.value)).toBe(true)
        else expect(result.fields.length).toBeGreaterThan(0)
      }),
    )
  })
})

describe('dateErrorMessage', () => {
  const label = 'date of birth'
  it.each([
    [{ error: 'missing', fields: ['day', 'month', 'year'] }, 'Enter date of birth'],
    [{ error: 'missing_day', fields: ['day'] }, 'Date of birth must include a day'],
    [{ error: 'missing_month', fields: ['month'] }, 'Date of birth must include a month'],
    [{ error: 'missing_year', fields: ['year'] }, 'Date of birth must include a year'],
    [{ error: 'missing_day', fields: ['day', 'month'] }, 'Date of birth must include a day and month'],
    [{ error: 'missing_month', fields: ['month', 'year'] }, 'Date of birth must include a month and year'],
    [{ error: 'not_a_number', fields: ['day'] }, 'Date of birth must be a real date'],
    [{ error: 'invalid_date', fields: ['day'] }, 'Date of birth must be a real date'],
    [{ error: 'year_not_four_digits', fields: ['year'] }, 'Year must include 4 numbers'],
  ] as const)('%j → %j', (failure, message) => {
    expect(dateErrorMessage({ error: failure.error, fields: [...failure.fields] }, label)).toBe(message)
  })

  it('works from a parse result', () => {
    const result = parseDateParts({ day: '4', month: '', year: '2025' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(dateErrorMessage(result, 'date of death')).toBe('Date of death must include a month')
  })
})

describe('formatDate, the one date format of pages', () => {
  it('formats a calendar date and an instant as the day in London', () => {
    expect(formatDate('2025-06-04')).toBe('4 June 2025')
    // Late on 31 March UTC in summer time is already 1 April in London.
    expect(formatDate(new Date('2025-03-31T23:30:00Z'))).toBe('1 April 2025')
    expect(formatDate('2025-03-31T23:30:00Z')).toBe('1 April 2025')
  })

  it('is empty for nothing', () => {
    expect(formatDate(null)).toBe('')
    expect(formatDate(undefined)).toBe('')
    expect(formatDate('')).toBe('')
  })

  it('is the one the views hand on', () => {
    expect(viewFormatDate).toBe(formatDate)
  })
})
