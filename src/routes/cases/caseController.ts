import { Request, Response } from 'express'
import { caseSections } from '../../cases/caseFields'
import { describeCaseEvent, jarEventEntry, mergeTimeline } from '../../cases/caseTimeline'
import { displayCaseValue } from '../../cases/displayCaseValue'
import { ageAtDeath } from '../../domain/ageBand'
import { allowedTransitions } from '../../domain/caseStatus'
import { agencies, caseStatuses, jarEventKinds, onHoldReasons } from '../../domain/codes'
import { daysBetween } from '../../domain/dates'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import type ReadinessService from '../../services/agencyRequests/readinessService'
import { READINESS_OVERRIDE } from '../../services/agencyRequests/readinessService'
import type CaseService from '../../services/caseService'
import type JarEventService from '../../services/jarEventService'
import { requestRow } from '../agencyRequests/requestRows'
import { auditContext } from '../auditContextOf'
import { loadedCase } from './loadCase'

/** The case page: every section, status and its history, the timeline, key dates and flags. */
export default class CaseController {
  constructor(
    private readonly caseService: CaseService,
    private readonly readinessService: ReadinessService,
    private readonly agencyRequestService: AgencyRequestService,
    private readonly jarEventService: JarEventService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    await this.caseService.recordView(record.id, auditContext(req))
    const values = record.get()
    const today = this.caseService.today()
    const sections = caseSections.map(section => ({
      id: section.id,
      title: section.title,
      rows: section.fields.map(field => ({
        key: field.label.replace(/ \(optional\)$/, ''),
        text: displayCaseValue(field, values[field.attr]),
      })),
    }))
    const [history, events, missing, requests, jarEvents] = await Promise.all([
      this.caseService.statusHistory(record.id),
      this.caseService.timelineEvents(record.id),
      this.readinessService.missingFor(record),
      this.agencyRequestService.listForCase(record.id),
      this.jarEventService.listForCase(record.id),
    ])
    const age = ageAtDeath(record.dateOfBirth, record.dateOfDeath)
    res.render('pages/cases/show', {
      record,
      sections,
      statusLabel: caseStatuses.label(record.status),
      onHoldReason: record.onHoldReason ? onHoldReasons.label(record.onHoldReason) : null,
      canChangeStatus: allowedTransitions(record.status, { heldFrom: record.statusBeforeHold }).length > 0,
      history: history.map(change => ({
        at: change.changedAt,
        from: change.fromStatus ? caseStatuses.label(change.fromStatus) : '',
        to: caseStatuses.label(change.toStatus),
        reason: [
          change.reasonCode === READINESS_OVERRIDE
            ? 'Sent to panel with information missing'
            : change.reasonCode && onHoldReasons.label(change.reasonCode),
          change.reason,
        ]
          .filter(Boolean)
          .join(': '),
        by: (change as unknown as { changer?: { name: string } }).changer?.name ?? 'The service',
      })),
      timeline: mergeTimeline(events.map(describeCaseEvent), jarEvents.map(jarEventEntry)),
      jarEvents: jarEvents.map(event => ({
        id: event.id,
        kind: jarEventKinds.label(event.kind),
        eventDate: event.eventDate,
        note: event.note,
        attendees: event.attendees.map(a =>
          a.role ? `${agencies.label(a.agency)} (${a.role})` : agencies.label(a.agency),
        ),
      })),
      missing,
      requests: requests.map(request => requestRow(request, today, this.agencyRequestService.instant())),
      canRequest: this.agencyRequestService.canRequest(record),
      daysSinceDeath: daysBetween(record.dateOfDeath, today),
      ageText:
        age.completedYears >= 1
          ? `${age.completedYears} year${age.completedYears === 1 ? '' : 's'}`
          : `${age.days} day${age.days === 1 ? '' : 's'}`,
    })
  }
}
