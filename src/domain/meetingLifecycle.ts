import { compareIsoDates, formatGovukDate, isValidIsoDate, type IsoDate } from './dates'

/**
 * The life of a panel meeting: `scheduled` until it is marked `held` (on or after its date, with
 * attendance recorded) or `cancelled` (with a reason). A scheduled meeting may be postponed to a
 * later date (with a reason) and stays scheduled. Held and cancelled are final. Pure rules, so the
 * forms, the service and the tests apply the same ones.
 */

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled'

export interface LifecycleProblem {
  /** The form field to link to. */
  field: string
  message: string
}

export const REASON_MAX = 2000

export interface HeldFacts {
  status: MeetingStatus
  meetingDate: IsoDate
  today: IsoDate
  /** How many members are recorded as present. */
  present: number
}

const finalStatusProblem = (status: MeetingStatus, field: string): LifecycleProblem | null => {
  if (status === 'held') return { field, message: 'This meeting has already been marked as held' }
  if (status === 'cancelled') return { field, message: 'This meeting has been cancelled' }
  return null
}

/** Why the meeting cannot be marked as held now, or null if it can. */
export function markHeldProblem(facts: HeldFacts): LifecycleProblem | null {
  const final = finalStatusProblem(facts.status, 'held')
  if (final) return final
  if (compareIsoDates(facts.meetingDate, facts.today) > 0) {
    return {
      field: 'held',
      message: `The meeting cannot be marked as held before its date, ${formatGovukDate(facts.meetingDate)}`,
    }
  }
  if (facts.present < 1) {
    return { field: 'held', message: 'Record who attended before marking the meeting as held' }
  }
  return null
}

function reasonProblem(reason: string, field: string, what: string): LifecycleProblem | null {
  if (!reason.trim()) return { field, message: `Enter why the meeting is ${what}` }
  if (reason.length > REASON_MAX)
    return { field, message: `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer` }
  return null
}

/** Why the meeting cannot be cancelled with this reason, or null if it can. */
export function cancelProblems(status: MeetingStatus, reason: string): LifecycleProblem[] {
  const final = finalStatusProblem(status, 'reason')
  if (final) return [final]
  const problem = reasonProblem(reason, 'reason', 'cancelled')
  return problem ? [problem] : []
}

export interface PostponeFacts {
  status: MeetingStatus
  meetingDate: IsoDate
  today: IsoDate
  /** The new date as read from the form, or null if none (or no valid one) was entered. */
  newDate: IsoDate | null
  reason: string
}

/** What is wrong with postponing the meeting to the new date, in the order of the form. */
export function postponeProblems(facts: PostponeFacts): LifecycleProblem[] {
  const final = finalStatusProblem(facts.status, 'new_date')
  if (final) return [final]
  const problems: LifecycleProblem[] = []
  if (!facts.newDate || !isValidIsoDate(facts.newDate)) {
    problems.push({ field: 'new_date', message: 'Enter the new date of the meeting' })
  } else if (compareIsoDates(facts.newDate, facts.meetingDate) <= 0) {
    problems.push({
      field: 'new_date',
      message: `The new date must be after the meeting’s current date, ${formatGovukDate(facts.meetingDate)}`,
    })
  } else if (compareIsoDates(facts.newDate, facts.today) < 0) {
    problems.push({ field: 'new_date', message: 'The new date must be today or in the future' })
  }
  const reason = reasonProblem(facts.reason, 'reason', 'postponed')
  if (reason) problems.push(reason)
  return problems
}

/** Why the panel's review cannot be finalised at a meeting in this state, or null if it can. */
export function finaliseAtMeetingProblem(status: MeetingStatus): LifecycleProblem | null {
  if (status === 'held') return null
  if (status === 'cancelled') {
    return { field: 'meeting', message: 'The meeting was cancelled, so no review can be finalised at it' }
  }
  return {
    field: 'meeting',
    message: 'A review can be finalised only at a meeting that has been held: mark the meeting as held first',
  }
}

/** A review is dated its meeting's date, which cannot be before the death it reviews. */
export function reviewDateProblem(meetingDate: IsoDate, dateOfDeath: IsoDate | null): LifecycleProblem | null {
  if (!dateOfDeath || compareIsoDates(meetingDate, dateOfDeath) >= 0) return null
  return {
    field: 'meeting',
    message:
      'This meeting’s date is before the death, so the review cannot be finalised at it: take the case to a later meeting',
  }
}

/** Whether the meeting still takes changes to its details, members and agenda. */
export const isMeetingOpen = (status: MeetingStatus): boolean => status === 'scheduled'
