import type { ReviewDuration } from './codes'
import { addMonthsClamped, compareIsoDates, type IsoDate } from './dates'

/**
 * Time from death to the panel's review (data dictionary §8). The boundaries are calendar months
 * clamped to month end, so a review exactly 6 months after the death is already "6 to 12 months".
 */
export function reviewDuration(dod: IsoDate, reviewDate: IsoDate): ReviewDuration {
  if (compareIsoDates(reviewDate, dod) < 0) {
    throw new RangeError(`Review date ${reviewDate} is before date of death ${dod}`)
  }
  if (compareIsoDates(reviewDate, addMonthsClamped(dod, 6)) < 0) return 'under_6_months'
  if (compareIsoDates(reviewDate, addMonthsClamped(dod, 12)) < 0) return '6_to_12_months'
  return 'over_12_months'
}
