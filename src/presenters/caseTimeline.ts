import type { AuditEvent } from '../db/models'
import { agencies, caseStatuses, jarEventKinds } from '../domain/codes'
import { formatGovukDate, isValidIsoDate } from '../domain/dates'
import { sectionById } from '../forms/caseFields'

export interface TimelineEntry {
  at: Date
  title: string
  by: string
  /** For something that happened on a day (a joint agency response event), not at a recorded moment. */
  date?: string
}

const agencyOf = (details: Record<string, unknown>) => agencies.label(String(details.agency))
const meetingDateOf = (details: Record<string, unknown>) =>
  isValidIsoDate(details.meetingDate) ? formatGovukDate(details.meetingDate) : 'an unknown date'

const jarEventOf = (details: Record<string, unknown>) =>
  `${jarEventKinds.label(String(details.kind)).toLowerCase()}${
    isValidIsoDate(details.eventDate) ? ` on ${formatGovukDate(details.eventDate)}` : ''
  }`

const LINK_REFUSALS: Record<string, string> = {
  expired: 'it had expired',
  revoked: 'it had been revoked',
  used: 'the report was already submitted',
  closed: 'the request was closed',
}

/** Says in words what each audit row of a case records. Unknown actions fall back to their name. */
export function describeCaseEvent(event: AuditEvent & { actor?: { name: string } | null }): TimelineEntry {
  const details = event.details as Record<string, unknown>
  const by = event.actor?.name ?? 'The service'
  switch (event.action) {
    case 'case_notified':
      return { at: event.occurredAt, by, title: 'Death notified, case created' }
    case 'case_imported':
      return { at: event.occurredAt, by, title: 'Imported from case history' }
    case 'case_updated': {
      const section = sectionById(String(details.section))
      return { at: event.occurredAt, by, title: `${section?.title ?? 'Case details'} changed` }
    }
    case 'case_status_changed':
      return {
        at: event.occurredAt,
        by,
        title: `Status changed from ${caseStatuses.label(String(details.from))} to ${caseStatuses.label(String(details.to))}`,
      }
    case 'case_merged':
      return {
        at: event.occurredAt,
        by,
        title: `Merged with case ${String(details.mergedCaseRef)}, which this case replaces`,
      }
    case 'case_merged_into':
      return {
        at: event.occurredAt,
        by,
        title: `This record (a duplicate) was merged into case ${String(details.survivorRef)}`,
      }
    case 'agency_request_sent':
      return { at: event.occurredAt, by, title: `Information requested from ${agencyOf(details)}` }
    case 'agency_request_cancelled':
      return { at: event.occurredAt, by, title: `Request to ${agencyOf(details)} cancelled` }
    case 'agency_request_not_involved':
      return { at: event.occurredAt, by, title: `${agencyOf(details)} recorded as not involved` }
    case 'agency_link_revoked':
      return { at: event.occurredAt, by, title: `Link for ${agencyOf(details)} revoked` }
    case 'agency_link_reissued':
      return { at: event.occurredAt, by, title: `New link sent to ${agencyOf(details)}` }
    case 'agency_link_refused':
      return {
        at: event.occurredAt,
        by: 'Agency contact',
        title: `Link for ${agencyOf(details)} refused: ${LINK_REFUSALS[String(details.reason)] ?? String(details.reason)}`,
      }
    case 'agency_report_submitted':
      return {
        at: event.occurredAt,
        by: 'Agency contact',
        title:
          details.involved === false
            ? `${agencyOf(details)} said it had no involvement`
            : `Report received from ${agencyOf(details)}`,
      }
    case 'agency_report_recorded':
      return { at: event.occurredAt, by, title: `Report from ${agencyOf(details)} recorded (received another way)` }
    case 'agency_reminder_sent':
      return {
        at: event.occurredAt,
        by,
        title:
          details.step === 'escalation'
            ? `Overdue report escalated to the lead for ${agencyOf(details)}`
            : `${details.step === 'overdue' ? 'Overdue reminder' : 'Reminder'} sent to ${agencyOf(details)}`,
      }
    case 'jar_event_added':
      return { at: event.occurredAt, by, title: `Joint agency response event recorded: ${jarEventOf(details)}` }
    case 'jar_event_changed':
      return { at: event.occurredAt, by, title: `Joint agency response event changed: ${jarEventOf(details)}` }
    case 'jar_event_removed':
      return { at: event.occurredAt, by, title: `Joint agency response event removed: ${jarEventOf(details)}` }
    case 'case_readiness_overridden':
      return { at: event.occurredAt, by, title: 'Sent to panel with information missing' }
    case 'review_started':
      return { at: event.occurredAt, by, title: 'Panel review started' }
    case 'review_finalised':
      return { at: event.occurredAt, by, title: 'Panel review finalised' }
    case 'review_quorum_overridden':
      return { at: event.occurredAt, by, title: 'Review finalised in a meeting that was not quorate' }
    case 'review_deferred':
      return { at: event.occurredAt, by, title: 'Deferred by the panel for more information' }
    case 'review_superseded':
      return { at: event.occurredAt, by, title: 'Earlier panel review superseded' }
    case 'agenda_case_added':
      return {
        at: event.occurredAt,
        by,
        title: `Added to the agenda of the panel meeting on ${meetingDateOf(details)}`,
      }
    case 'agenda_case_removed':
      return {
        at: event.occurredAt,
        by,
        title: `Removed from the agenda of the panel meeting on ${meetingDateOf(details)}`,
      }
    case 'interest_declared':
      return { at: event.occurredAt, by, title: 'A panel member declared an interest in the case' }
    case 'interest_withdrawn':
      return { at: event.occurredAt, by, title: 'A declaration of interest in the case was withdrawn' }
    default:
      return { at: event.occurredAt, by, title: event.action.replace(/_/g, ' ').replace(/^\w/, c => c.toUpperCase()) }
  }
}

/** A joint agency response event as a timeline entry, on its own day (midday in England, so the day reads the same). */
export function jarEventEntry(event: { kind: string; eventDate: string }): TimelineEntry {
  return {
    at: new Date(`${event.eventDate}T12:00:00Z`),
    date: event.eventDate,
    by: '',
    title: jarEventKinds.label(event.kind),
  }
}

/** The case's recorded actions and its dated events in one timeline, newest first. */
export function mergeTimeline(entries: TimelineEntry[], dated: TimelineEntry[]): TimelineEntry[] {
  return [...entries, ...dated].sort((a, b) => b.at.getTime() - a.at.getTime())
}
