import type { AgeBand } from './codes'
import { birthdayInYear, compareIsoDates, daysBetween, parseIsoDate, type IsoDate } from './dates'

export interface AgeAtDeath {
  days: number
  completedYears: number
}

function year(date: IsoDate): number {
  const parts = parseIsoDate(date)
  if (!parts) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${JSON.stringify(date)}`)
  return parts.y
}

/**
 * Age in days and in completed years. A year is completed on the birthday, and a 29 February
 * birthday falls on 28 February in other years (data dictionary §8).
 */
export function ageAtDeath(dob: IsoDate, dod: IsoDate): AgeAtDeath {
  if (compareIsoDates(dod, dob) < 0) throw new RangeError(`Date of death ${dod} is before date of birth ${dob}`)
  const deathYear = year(dod)
  let completedYears = deathYear - year(dob)
  if (compareIsoDates(dod, birthdayInYear(dob, deathYear)) < 0) completedYears -= 1
  return { days: daysBetween(dob, dod), completedYears }
}

/** Age band at death (data dictionary §8). Throws if death is before birth or on or after the 18th birthday. */
export function ageBand(dob: IsoDate, dod: IsoDate): AgeBand {
  const { days, completedYears } = ageAtDeath(dob, dod)
  if (completedYears >= 18) {
    throw new RangeError(`Age at death is 18 or over (born ${dob}, died ${dod}): out of scope of child death review`)
  }
  if (days < 28) return '0_27d'
  // "Before the first birthday", not "under 365 days": a first year spanning 29 February has 366 days.
  if (completedYears < 1) return '28_364d'
  if (completedYears <= 4) return '1_4y'
  if (completedYears <= 9) return '5_9y'
  if (completedYears <= 14) return '10_14y'
  return '15_17y'
}
