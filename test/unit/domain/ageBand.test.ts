import fc from 'fast-check'
import { ageAtDeath, ageBand } from '../../../src/domain/ageBand'
import { addDays, addMonthsClamped, daysInMonth, eighteenthBirthday, toIsoDate } from '../../../src/domain/dates'

const dobArb = fc
  .record({
    y: fc.integer({ min: 1950, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => toIsoDate(y, m, Math.min(d, daysInMonth(y, m))))

describe('ageAtDeath', () => {
  it.each([
    ['2020-06-15', '2020-06-15', 0, 0],
    ['2020-06-15', '2020-06-16', 1, 0],
    ['2020-06-15', '2021-06-14', 364, 0],
    ['2020-06-15', '2021-06-15', 365, 1],
    ['2019-06-15', '2020-06-15', 366, 1],
    ['2010-03-31', '2020-03-30', 3652, 9],
    ['2010-03-31', '2020-03-31', 3653, 10],
    // 29 February births: the birthday is 28 February in other years.
    ['2008-02-29', '2009-02-27', 364, 0],
    ['2008-02-29', '2009-02-28', 365, 1],
    ['2008-02-29', '2012-02-28', 1460, 3],
    ['2008-02-29', '2012-02-29', 1461, 4],
    ['2008-02-29', '2026-02-27', 6573, 17],
    ['2008-02-29', '2026-02-28', 6574, 18],
    // Born on 28 February or 1 March: unaffected by the rule.
    ['2008-02-28', '2009-02-27', 365, 0],
    ['2008-03-01', '2009-02-28', 364, 0],
    ['2008-03-01', '2009-03-01', 365, 1],
  ])('born %s, died %s: %i days, %i completed years', (dob, dod, days, completedYears) => {
    expect(ageAtDeath(dob, dod)).toEqual({ days, completedYears })
  })

  it('refuses a death before birth', () => {
    expect(() => ageAtDeath('2020-06-15', '2020-06-14')).toThrow(/before date of birth/)
  })

  it('refuses invalid dates', () => {
    expect(() => ageAtDeath('2020-02-30', '2020-06-14')).toThrow(RangeError)
    expect(() => ageAtDeath('2020-06-14', 'yesterday')).toThrow(RangeError)
  })

  it('completes a year exactly on each birthday', () => {
    fc.assert(
      fc.property(dobArb, fc.integer({ min: 1, max: 17 }), (dob, years) => {
        const birthday = addMonthsClamped(dob, 12 * years)
        expect(ageAtDeath(dob, birthday).completedYears).toBe(years)
        expect(ageAtDeath(dob, addDays(birthday, -1)).completedYears).toBe(years - 1)
      }),
    )
  })
})

describe('ageBand', () => {
  it.each([
    ['2024-05-01', '2024-05-01', '0_27d'],
    ['2024-05-01', '2024-05-28', '0_27d'], // 27 days
    ['2024-05-01', '2024-05-29', '28_364d'], // 28 days
    ['2024-02-01', '2024-02-29', '28_364d'], // 28 days across a leap day
    ['2024-05-01', '2025-04-30', '28_364d'], // day before the first birthday
    ['2023-03-01', '2024-02-29', '28_364d'], // 365 days old but the first birthday is tomorrow
    ['2024-05-01', '2025-05-01', '1_4y'], // first birthday
    ['2024-02-29', '2025-02-28', '1_4y'], // first birthday of a 29 February baby
    ['2024-02-29', '2025-02-27', '28_364d'],
    ['2020-05-01', '2025-04-30', '1_4y'],
    ['2020-05-01', '2025-05-01', '5_9y'],
    ['2015-05-01', '2025-04-30', '5_9y'],
    ['2015-05-01', '2025-05-01', '10_14y'],
    ['2010-05-01', '2025-04-30', '10_14y'],
    ['2010-05-01', '2025-05-01', '15_17y'],
    ['2007-05-01', '2025-04-30', '15_17y'], // day before the 18th birthday
    ['2008-02-29', '2026-02-27', '15_17y'], // day before the 18th birthday of a 29 February baby
  ])('born %s, died %s → %s', (dob, dod, band) => {
    expect(ageBand(dob, dod)).toBe(band)
  })

  it('refuses a death on or after the 18th birthday', () => {
    expect(() => ageBand('2007-05-01', '2025-05-01')).toThrow(/18 or over/)
    expect(() => ageBand('2008-02-29', '2026-02-28')).toThrow(/18 or over/)
    expect(() => ageBand('2000-01-01', '2025-01-01')).toThrow(/18 or over/)
  })

  it('refuses a death before birth', () => {
    expect(() => ageBand('2020-06-15', '2020-06-14')).toThrow(/before date of birth/)
  })

  it('gives a band to every death before the 18th birthday, and never a younger band later', () => {
    const order = ['0_27d', '28_364d', '1_4y', '5_9y', '10_14y', '15_17y']
    fc.assert(
      fc.property(dobArb, fc.nat(), fc.nat(), (dob, a, b) => {
        const span = Math.max(1, daysToEighteenthBirthday(dob))
        const [early, late] = [a % span, b % span].sort((x, y) => x - y)
        const bandEarly = ageBand(dob, addDays(dob, early))
        const bandLate = ageBand(dob, addDays(dob, late))
        expect(order.indexOf(bandEarly)).toBeLessThanOrEqual(order.indexOf(bandLate))
      }),
    )
  })
})

/** Days from birth to the 18th birthday. */
function daysToEighteenthBirthday(dob: string): number {
  const eighteenth = eighteenthBirthday(dob)
  return ageAtDeath(dob, eighteenth).days
}
