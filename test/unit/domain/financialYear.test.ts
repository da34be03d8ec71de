import fc from 'fast-check'
import { daysInMonth, toIsoDate, addDays } from '../../../src/domain/dates'
import {
  financialYearLabel,
  financialYearOf,
  financialYearRange,
  parseFinancialYear,
  parseFinancialYearSpan,
} from '../../../src/domain/financialYear'

const isoDateArb = fc
  .record({
    y: fc.integer({ min: 1900, max: 2200 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => toIsoDate(y, m, Math.min(d, daysInMonth(y, m))))

const fyArb = fc.integer({ min: 1900, max: 2200 }).map(financialYearLabel)

describe('financialYearOf', () => {
  it.each([
    ['2016-04-01', '2016-17'],
    ['2017-03-31', '2016-17'],
    ['2017-04-01', '2017-18'],
    ['2016-03-31', '2015-16'],
    ['2016-12-31', '2016-17'],
    ['2017-01-01', '2016-17'],
    ['1999-04-01', '1999-00'],
    ['2000-03-31', '1999-00'],
    ['2000-04-01', '2000-01'],
    ['2009-06-30', '2009-10'],
    ['2099-04-01', '2099-00'],
    ['2100-03-31', '2099-00'],
    ['2024-02-29', '2023-24'],
  ])('%s is in %s', (date, fy) => {
    expect(financialYearOf(date)).toBe(fy)
  })

  it('throws for an invalid date', () => {
    expect(() => financialYearOf('2017-02-29')).toThrow(RangeError)
  })

  it('puts every date inside its financial year', () => {
    fc.assert(
      fc.property(isoDateArb, date => {
        const fy = parseFinancialYear(financialYearOf(date))!
        expect(fy.start <= date && date <= fy.end).toBe(true)
      }),
    )
  })
})

describe('financialYearLabel', () => {
  it('writes the start year and the last two digits of the next', () => {
    expect(financialYearLabel(2016)).toBe('2016-17')
    expect(financialYearLabel(1999)).toBe('1999-00')
    expect(financialYearLabel(2009)).toBe('2009-10')
  })

  it('refuses years it cannot write', () => {
    expect(() => financialYearLabel(9999)).toThrow(RangeError)
    expect(() => financialYearLabel(2016.5)).toThrow(RangeError)
  })
})

describe('parseFinancialYear', () => {
  it('gives the first and last days', () => {
    expect(parseFinancialYear('2016-17')).toEqual({ start: '2016-04-01', end: '2017-03-31', startYear: 2016 })
    expect(parseFinancialYear('1999-00')).toEqual({ start: '1999-04-01', end: '2000-03-31', startYear: 1999 })
    expect(parseFinancialYear('2009-10')).toEqual({ start: '2009-04-01', end: '2010-03-31', startYear: 2009 })
  })

  it.each([
    '2016-18',
    '2016-16',
    '2016-2017',
    '16-17',
    '2016/17',
    '2016-17 ',
    ' 2016-17',
    '1999-2000',
    '1999-99',
    '2016',
    '',
    'garbage',
    '2016-17..2017-18',
  ])('refuses %j', label => {
    expect(parseFinancialYear(label)).toBeNull()
  })

  it('round-trips: the year of its first and last day is itself', () => {
    fc.assert(
      fc.property(fyArb, fy => {
        const parsed = parseFinancialYear(fy)!
        expect(financialYearOf(parsed.start)).toBe(fy)
        expect(financialYearOf(parsed.end)).toBe(fy)
        expect(financialYearOf(addDays(parsed.start, -1))).not.toBe(fy)
        expect(financialYearOf(addDays(parsed.end, 1))).not.toBe(fy)
      }),
    )
  })
})

describe('financialYearRange', () => {
  it('lists every year, inclusive, oldest first', () => {
    expect(financialYearRange('2014-15', '2016-17')).toEqual(['2014-15', '2015-16', '2016-17'])
    expect(financialYearRange('1998-99', '2001-02')).toEqual(['1998-99', '1999-00', '2000-01', '2001-02'])
    expect(financialYearRange('2016-17', '2016-17')).toEqual(['2016-17'])
  })

  it('is empty when reversed', () => {
    expect(financialYearRange('2016-17', '2014-15')).toEqual([])
  })

  it('throws on a malformed year', () => {
    expect(() => financialYearRange('2016-18', '2017-18')).toThrow(/Invalid financial year/)
    expect(() => financialYearRange('2016-17', '2017')).toThrow(/Invalid financial year/)
  })
})

describe('parseFinancialYearSpan', () => {
  it('reads a pooled span', () => {
    expect(parseFinancialYearSpan('2014-15..2016-17')).toEqual({
      label: '2014-15..2016-17',
      first: '2014-15',
      last: '2016-17',
      years: ['2014-15', '2015-16', '2016-17'],
      start: '2014-04-01',
      end: '2017-03-31',
    })
  })

  it('reads a single year', () => {
    const single = {
      label: '2016-17',
      first: '2016-17',
      last: '2016-17',
      years: ['2016-17'],
      start: '2016-04-01',
      end: '2017-03-31',
    }
    expect(parseFinancialYearSpan('2016-17')).toEqual(single)
    expect(parseFinancialYearSpan('2016-17..2016-17')).toEqual(single)
  })

  it('spans a century', () => {
    expect(parseFinancialYearSpan('1998-99..2000-01')?.years).toEqual(['1998-99', '1999-00', '2000-01'])
  })

  it.each([
    '2016-17..2014-15',
    '2014-15..2016-18',
    '2014-15...2016-17',
    '2014-15..',
    '..2016-17',
    '2014-15..2015-16..2016-17',
    '2014-15 .. 2016-17',
    '2014-15-2016-17',
    '',
    'all',
  ])('refuses %j', text => {
    expect(parseFinancialYearSpan(text)).toBeNull()
  })

  it('covers exactly the dates of its years', () => {
    fc.assert(
      fc.property(fyArb, fyArb, isoDateArb, (a, b, date) => {
        const [first, last] = [a, b].sort()
        const span = parseFinancialYearSpan(`${first}..${last}`)!
        expect(span.years[0]).toBe(first)
        expect(span.years[span.years.length - 1]).toBe(last)
        const inside = span.start <= date && date <= span.end
        expect(inside).toBe(span.years.includes(financialYearOf(date)))
      }),
    )
  })
})
