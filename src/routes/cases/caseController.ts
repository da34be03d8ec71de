import { dateInputValues } from '../../utils/dateInput'
import { Request, Response } from 'express'
import { caseSections } from '../../forms/caseFields'
import { describeCaseEvent, jarEventEntry, mergeTimeline } from '../../presenters/caseTimeline'
import { displayCaseValue } from '../../presenters/displayCaseValue'
import { ageAtDeath } from '../../domain/ageBand'
import { allowedTransitions } from '../../domain/caseStatus'
import {
  agencies,
  categories,
  caseStatuses,
  jarEventKinds,
  modifiableFactorsOutcomes,
  onHoldReasons,
  preventabilityOutcomes,
} from '../../domain/codes'
import { daysBetween } from '../../domain/dates'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import type ReadinessService from '../../services/agencyRequests/readinessService'
import { READINESS_OVERRIDE } from '../../services/agencyRequests/readinessService'
import type CaseService from '../../services/caseService'
import type JarEventService from '../../services/jarEventService'
import { requestRow } from '../../presenters/requestRows'
import { auditContext } from '../auditContextOf'
import type { Case } from '../../db/models'
import { formatDate } from '../../domain/dates'
import { loadedCase } from './loadCase'

/**
 * The outcome of a review brought in by the history import: it has no review record of this
 * service behind it, so the case page shows what the case itself holds, marked as imported.
 */
function importedReview(record: Case): { key: string; text: string }[] | null {
  if (!record.imported) return null
  const rows = [
    { key: 'Review date', text: record.reviewDate ? formatDate(record.reviewDate) : '' },
    {
      key: 'Category of death',
      text: record.category ? `${record.category}: ${categories.label(String(record.category))}` : '',
    },
    { key: 'Modifiable factors', text: modifiableFactorsOutcomes.label(record.modifiableFactors) },
    { key: 'Preventability (before April 2010)', text: preventabilityOutcomes.label(record.preventability) },
    { key: 'Learning points', text: record.learningPoints ?? '' },
  ].filter(row => row.text)
  return rows.length ? rows : null
}

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
    const [history, events, missing, requests, jarEvents, duplicates] = await Promise.all([
      this.caseService.statusHistory(record.id),
      this.caseService.timelineEvents(record.id),
      this.readinessService.missingFor(record),
      this.agencyRequestService.listForCase(record.id),
      this.jarEventService.listForCase(record.id),
      this.caseService.findPossibleDuplicates(record, record.id),
    ])
    const age = ageAtDeath(record.dateOfBirth, record.dateOfDeath)
    res.render('pages/cases/show', {
      record,
      familyQuestionsDate: dateInputValues('family_questions_answered_on', record.familyQuestionsAnsweredOn),
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
      importedReview: importedReview(record),
      duplicates,
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
