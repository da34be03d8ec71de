import { compareIsoDates, eighteenthBirthday, formatGovukDate, IsoDate } from './dates'

export interface CaseDates {
  dateOfBirth?: IsoDate | null
  dateOfDeath?: IsoDate | null
  notifiedAt?: IsoDate | null
  jarDate?: IsoDate | null
  familyLeafletSentOn?: IsoDate | null
}

export type DateField = 'date_of_birth' | 'date_of_death' | 'notified_at' | 'jar_date' | 'family_leaflet_sent_on'

export interface FieldProblem {
  field: DateField
  message: string
  /**
   * A rule between two dates is broken by either; when only the other one is on the page (editing
   * one section), the problem is told from that field's side.
   */
  alternative?: { field: DateField; message: string }
}

/**
 * The date rules of the data dictionary that involve more than one item: not in the future, birth
 * before death, death before the 18th birthday (out of scope otherwise), notified after death.
 * `today` is the calendar date in London, passed in so the rules are testable.
 */
export function caseDateProblems(dates: CaseDates, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = []
  const { dateOfBirth: dob, dateOfDeath: dod, notifiedAt, jarDate, familyLeafletSentOn: leaflet } = dates
  if (dob && compareIsoDates(dob, today) > 0) {
    problems.push({ field: 'date_of_birth', message: 'Date of birth must be today or in the past' })
  }
  if (dod && compareIsoDates(dod, today) > 0) {
    problems.push({ field: 'date_of_death', message: 'Date of death must be today or in the past' })
  }
  if (dob && dod && compareIsoDates(dob, dod) > 0) {
    problems.push({
      field: 'date_of_birth',
      message: 'Date of birth must be the same as or before the date of death',
      alternative: {
        field: 'date_of_death',
        message: `Date of death must be the same as or after the date of birth (${formatGovukDate(dob)})`,
      },
    })
  } else if (dob && dod && compareIsoDates(dod, eighteenthBirthday(dob)) >= 0) {
    const birthday = formatGovukDate(eighteenthBirthday(dob))
    problems.push({
      field: 'date_of_death',
      message: `The date of death is on or after the child's 18th birthday (${birthday}). Only deaths before the 18th birthday are reviewed by the panel`,
      alternative: {
        field: 'date_of_birth',
        message: `With this date of birth the child was 18 or over when they died (18th birthday ${birthday}). Only deaths before the 18th birthday are reviewed by the panel`,
      },
    })
  }
  if (notifiedAt && compareIsoDates(notifiedAt, today) > 0) {
    problems.push({ field: 'notified_at', message: 'Date notified must be today or in the past' })
  } else if (notifiedAt && dod && compareIsoDates(notifiedAt, dod) < 0) {
    problems.push({
      field: 'notified_at',
      message: 'Date notified must be the same as or after the date of death',
      alternative: {
        field: 'date_of_death',
        message: `Date of death must be the same as or before the date the panel was told (${formatGovukDate(notifiedAt)})`,
      },
    })
  }
  if (jarDate && compareIsoDates(jarDate, today) > 0) {
    problems.push({ field: 'jar_date', message: 'Date the joint agency response started must be today or in the past' })
  } else if (jarDate && dod && compareIsoDates(jarDate, dod) < 0) {
    problems.push({
      field: 'jar_date',
      message: 'Date the joint agency response started must be the same as or after the date of death',
      alternative: {
        field: 'date_of_death',
        message: `Date of death must be the same as or before the start of the joint agency response (${formatGovukDate(jarDate)})`,
      },
    })
  }
  if (leaflet && compareIsoDates(leaflet, today) > 0) {
    problems.push({
      field: 'family_leaflet_sent_on',
      message: 'Date the family information leaflet was sent must be today or in the past',
    })
  } else if (leaflet && dod && compareIsoDates(leaflet, dod) < 0) {
    problems.push({
      field: 'family_leaflet_sent_on',
      message: `Date the family information leaflet was sent must be the same as or after the date of death (${formatGovukDate(dod)})`,
    })
  }
  return problems
}
