import { isPooled, lastFinancialYear, startYearOf, yearsOf } from '../../../src/domain/statistics/years'

describe('financial year codes', () => {
  it('reads the start year of a code, century turn included', () => {
    expect(startYearOf('2016-17')).toBe(2016)
    expect(startYearOf('1999-00')).toBe(1999)
    expect(startYearOf('2016-18')).toBeNull()
    expect(startYearOf('2016-2017')).toBeNull()
    expect(startYearOf(' 2016-17')).toBeNull()
  })

  it('lists the years of a release, oldest first', () => {
    expect(yearsOf('2016-17')).toEqual(['2016-17'])
    expect(yearsOf('1998-99..2000-01')).toEqual(['1998-99', '1999-00', '2000-01'])
    expect(yearsOf('2016-17..2016-17')).toEqual(['2016-17'])
  })

  it('refuses what is not a year or a span of them', () => {
    expect(() => yearsOf('2016-17..2014-15')).toThrow(RangeError)
    expect(() => yearsOf('2014-15..2015-16..2016-17')).toThrow(RangeError)
    expect(() => yearsOf('2016')).toThrow(RangeError)
    expect(() => yearsOf('')).toThrow(RangeError)
  })

  it('tells pooled releases apart and finds year Y', () => {
    expect(isPooled('2014-15..2016-17')).toBe(true)
    expect(isPooled('2016-17')).toBe(false)
    expect(lastFinancialYear('2014-15..2016-17')).toBe('2016-17')
    expect(lastFinancialYear('2016-17')).toBe('2016-17')
  })
})
