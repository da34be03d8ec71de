import type { JarEventKind } from './codes'
import { compareIsoDates, formatGovukDate, type IsoDate } from './dates'

/** A case has at most one of these; the others may repeat (follow-up discussions, a second post-mortem). */
export const ONCE_PER_CASE: readonly JarEventKind[] = [
  'strategy_discussion_initial',
  'inquest_opened',
  'inquest_concluded',
]

/** The discussions and meetings, whose attendees (agency and role) are recorded. */
export const WITH_ATTENDEES: readonly JarEventKind[] = [
  'strategy_discussion_initial',
  'strategy_discussion_follow_up',
  'jar_meeting',
]

export const JAR_EVENT_NOTE_MAX = 2000
export const ATTENDEE_ROLE_MAX = 100

export interface JarEventDates {
  dateOfDeath: IsoDate
  today: IsoDate
  /** The other events of the case already recorded (not the one being changed). */
  others: { kind: JarEventKind; eventDate: IsoDate }[]
}

/**
 * Why an event's date cannot be right, or null. Nothing in a joint agency response happens before
 * the death or in the future; an inquest concludes on or after it opened. (The panel may be notified
 * after the response began, so the notification date is no bound.)
 */
export function jarEventDateProblem(kind: JarEventKind, date: IsoDate, context: JarEventDates): string | null {
  if (compareIsoDates(date, context.today) > 0) return 'The date of the event must be today or in the past'
  if (compareIsoDates(date, context.dateOfDeath) < 0)
    return `The date of the event must be on or after the date of death (${formatGovukDate(context.dateOfDeath)})`
  const opened = context.others.find(e => e.kind === 'inquest_opened')
  if (kind === 'inquest_concluded' && opened && compareIsoDates(date, opened.eventDate) < 0)
    return `The inquest cannot conclude before it opened (${formatGovukDate(opened.eventDate)})`
  const concluded = context.others.find(e => e.kind === 'inquest_concluded')
  if (kind === 'inquest_opened' && concluded && compareIsoDates(date, concluded.eventDate) > 0)
    return `The inquest cannot open after it concluded (${formatGovukDate(concluded.eventDate)})`
  return null
}

/** Why this kind cannot be added to the case, or null. */
export function jarEventKindProblem(kind: JarEventKind, others: { kind: JarEventKind }[]): string | null {
  if (ONCE_PER_CASE.includes(kind) && others.some(e => e.kind === kind))
    return 'This case already has this event: change the one recorded instead'
  return null
}
