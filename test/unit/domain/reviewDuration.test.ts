import fc from 'fast-check'
import { addDays, addMonthsClamped, daysInMonth, toIsoDate } from '../../../src/domain/dates'
import { reviewDuration } from '../../../src/domain/reviewDuration'

const isoDateArb = fc
  .record({
    y: fc.integer({ min: 1990, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => toIsoDate(y, m, Math.min(d, daysInMonth(y, m))))

describe('reviewDuration', () => {
  it.each([
    ['2024-01-15', '2024-01-15', 'under_6_months'], // same day
    ['2024-01-15', '2024-07-14', 'under_6_months'], // day before 6 months
    ['2024-01-15', '2024-07-15', '6_to_12_months'], // exactly 6 months
    ['2024-01-15', '2025-01-14', '6_to_12_months'], // day before 12 months
    ['2024-01-15', '2025-01-15', 'over_12_months'], // exactly 12 months
    ['2024-01-15', '2030-01-01', 'over_12_months'],
    // 31 August + 6 months clamps to the end of February.
    ['2025-08-31', '2026-02-27', 'under_6_months'],
    ['2025-08-31', '2026-02-28', '6_to_12_months'],
    ['2023-08-31', '2024-02-28', 'under_6_months'],
    ['2023-08-31', '2024-02-29', '6_to_12_months'],
    // Other month-end clamps: 31 March + 6 = 30 September; 31 December + 6 = 30 June.
    ['2025-03-31', '2025-09-29', 'under_6_months'],
    ['2025-03-31', '2025-09-30', '6_to_12_months'],
    ['2024-12-31', '2025-06-30', '6_to_12_months'],
    // A death on 29 February: 12 months later is 28 February.
    ['2024-02-29', '2025-02-27', '6_to_12_months'],
    ['2024-02-29', '2025-02-28', 'over_12_months'],
    ['2024-02-29', '2024-08-28', 'under_6_months'],
    ['2024-02-29', '2024-08-29', '6_to_12_months'],
  ])('died %s, reviewed %s → %s', (dod, review, duration) => {
    expect(reviewDuration(dod, review)).toBe(duration)
  })

  it('refuses a review before the death', () => {
    expect(() => reviewDuration('2024-01-15', '2024-01-14')).toThrow(/before date of death/)
  })

  it('refuses invalid dates', () => {
    expect(() => reviewDuration('2024-02-30', '2024-06-01')).toThrow(RangeError)
  })

  it('changes band exactly at 6 and 12 calendar months', () => {
    fc.assert(
      fc.property(isoDateArb, dod => {
        const six = addMonthsClamped(dod, 6)
        const twelve = addMonthsClamped(dod, 12)
        expect(reviewDuration(dod, addDays(six, -1))).toBe('under_6_months')
        expect(reviewDuration(dod, six)).toBe('6_to_12_months')
        expect(reviewDuration(dod, addDays(twelve, -1))).toBe('6_to_12_months')
        expect(reviewDuration(dod, twelve)).toBe('over_12_months')
      }),
    )
  })
})
