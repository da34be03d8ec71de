import type { AuditEvent } from '../db/models'
import { caseStatuses } from '../domain/codes'
import { sectionById } from './caseFields'

export interface TimelineEntry {
  at: Date
  title: string
  by: string
}

/** Says in words what each audit row of a case records. Unknown actions fall back to their name. */
export function describeCaseEvent(event: AuditEvent & { actor?: { name: string } | null }): TimelineEntry {
  const details = event.details as Record<string, unknown>
  const by = event.actor?.name ?? 'The service'
  switch (event.action) {
    case 'case_notified':
      return { at: event.occurredAt, by, title: 'Death notified, case created' }
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
    default:
      return { at: event.occurredAt, by, title: event.action.replace(/_/g, ' ').replace(/^\w/, c => c.toUpperCase()) }
  }
}
