import { compareIsoDates, eighteenthBirthday, formatGovukDate, IsoDate } from './dates'

export interface CaseDates {
  dateOfBirth?: IsoDate | null
  dateOfDeath?: IsoDate | null
  notifiedAt?: IsoDate | null
}

export interface FieldProblem {
  field: 'date_of_birth' | 'date_of_death' | 'notified_at'
  message: string
}

/**
 * The date rules of the data dictionary that involve more than one item: not in the future, birth
 * before death, death before the 18th birthday (out of scope otherwise), notified after death.
 * `today` is the calendar date in London, passed in so the rules are testable.
 */
export function caseDateProblems(dates: CaseDates, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = []
  const { dateOfBirth: dob, dateOfDeath: dod, notifiedAt } = dates
  if (dob && compareIsoDates(dob, today) > 0) {
    problems.push({ field: 'date_of_birth', message: 'Date of birth must be today or in the past' })
  }
  if (dod && compareIsoDates(dod, today) > 0) {
    problems.push({ field: 'date_of_death', message: 'Date of death must be today or in the past' })
  }
  if (dob && dod && compareIsoDates(dob, dod) > 0) {
    problems.push({ field: 'date_of_birth', message: 'Date of birth must be the same as or before the date of death' })
  } else if (dob && dod && compareIsoDates(dod, eighteenthBirthday(dob)) >= 0) {
    problems.push({
      field: 'date_of_death',
      message: `The date of death is on or after the child's 18th birthday (${formatGovukDate(eighteenthBirthday(dob))}). Only deaths before the 18th birthday are reviewed by the panel`,
    })
  }
  if (notifiedAt && compareIsoDates(notifiedAt, today) > 0) {
    problems.push({ field: 'notified_at', message: 'Date notified must be today or in the past' })
  } else if (notifiedAt && dod && compareIsoDates(notifiedAt, dod) < 0) {
    problems.push({ field: 'notified_at', message: 'Date notified must be the same as or after the date of death' })
  }
  return problems
}
