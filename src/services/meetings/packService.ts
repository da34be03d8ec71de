import type { Database } from '../../db'
import type { Case } from '../../db/models'
import { ageBand } from '../../domain/ageBand'
import {
  agencies,
  ageBands,
  expectedness,
  jarEventKinds,
  jarTriggers,
  postMortemStatuses,
  sexes,
} from '../../domain/codes'
import { daysBetween, formatGovukDate, todayInLondon } from '../../domain/dates'
import { can } from '../../domain/policy'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import { isUuid } from '../userService'
import type AgendaService from './agendaService'
import type { AgendaItemWithCase } from './agendaService'
import type DeclarationService from './declarationService'
import { recordGaps } from '../../domain/readiness'
import { redactorFor } from './redactIdentifiers'
import { PackReportSection, reportSectionsFor } from './reportAnswers'
import { agencyName } from '../agencyRequests/requestStatus'

/** One dated event of the joint agency response, as the panel reads it: who took part by agency and role only. */
export interface PackJarEvent {
  kind: string
  date: string
  /** Days from the death to the event: how soon the response acted. */
  daysAfterDeath: number
  /** "Police (Detective sergeant)": agency and role, never a person's name. */
  attendees: string[]
}

export interface PackReport {
  agency: string
  receivedOn: string
  sections: PackReportSection[]
}

/** What a panel member sees of a case: no name, NHS number, address, postcode or date of birth. */
export interface CasePack {
  caseId: string
  caseRef: string
  ageBand: string
  sex: string
  expected: string
  anonymisedCircumstances: string | null
  jar: { label: string; value: string }[]
  /** The response's events in date order (strategy discussions, home visit, meeting, post-mortem, inquest). */
  jarEvents: PackJarEvent[]
  /** The rapid response (joint agency response) meeting, the latest if there were several. */
  rapidResponseMeeting: PackJarEvent | null
  familyQuestions: string | null
  reports: PackReport[]
  awaiting: string[]
  /** What the pack still lacks, in words: the same rule as the readiness list before panel. */
  missing: string[]
}

// Only these columns are ever read for a pack; the identifiers are read separately, to redact with.
const PACK_ATTRIBUTES = [
  'id',
  'caseRef',
  'dateOfBirth',
  'dateOfDeath',
  'sex',
  'expected',
  'anonymisedCircumstances',
  'jarRequired',
  'jarTriggers',
  'jarHomeVisit',
  'jarAttendees',
  'postMortem',
  'coronerInvolved',
  'policeInvestigation',
  'familyQuestions',
  'givenNames',
  'familyName',
  'nhsNumber',
  'postcode',
] as const

const yesNo = (value: boolean | null) => {
  if (value === null || value === undefined) return 'Not recorded'
  return value ? 'Yes' : 'No'
}
const listOf = (labels: string[]) => (labels.length ? labels.join(', ') : 'None recorded')

export function ageBandLabel(record: Pick<Case, 'dateOfBirth' | 'dateOfDeath'>): string {
  try {
    return ageBands.label(ageBand(record.dateOfBirth, record.dateOfDeath))
  } catch {
    return 'Not known'
  }
}

/** The anonymised pack of each agenda case, for the panel: built here, and every view of it audited. */
export default class PackService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly agendaService: AgendaService,
    private readonly declarationService: DeclarationService,
  ) {}

  /**
   * The agenda items a person may open the pack of: all of them for coordinators and administrators;
   * for a panel member, those they have not declared an interest in (their invitation is checked by the caller).
   */
  async visibleItems(user: Express.User, meetingId: string): Promise<AgendaItemWithCase[]> {
    const items = await this.agendaService.items(meetingId)
    if (can(user, 'manageMeetings')) return items
    const declared = await this.declarationService.caseIdsDeclaredBy(meetingId, user.id)
    return items.filter(item => !declared.has(item.caseId))
  }

  async casePack(caseId: string): Promise<CasePack | null> {
    if (!isUuid(caseId)) return null
    const record = await this.db.models.Case.findByPk(caseId, { attributes: [...PACK_ATTRIBUTES] })
    if (!record) return null
    const redact = redactorFor(record.get())
    const anonymised = record.anonymisedCircumstances?.trim()
    const questions = record.familyQuestions?.trim()
    const { reports, awaiting } = await this.reports(record)
    const jarEvents = await this.jarEvents(record, redact)
    return {
      caseId: record.id,
      caseRef: record.caseRef,
      ageBand: ageBandLabel(record),
      sex: sexes.label(record.sex),
      expected: expectedness.label(record.expected),
      anonymisedCircumstances: anonymised ? redact(anonymised) : null,
      jar: [
        { label: 'Joint agency response required', value: yesNo(record.jarRequired) },
        { label: 'Triggers', value: listOf(record.jarTriggers.map(code => jarTriggers.label(code))) },
        { label: 'Joint home or scene visit', value: yesNo(record.jarHomeVisit) },
        { label: 'Agencies that took part', value: listOf(record.jarAttendees.map(code => agencies.label(code))) },
        {
          label: 'Post-mortem',
          value: record.postMortem ? postMortemStatuses.label(record.postMortem) : 'Not recorded',
        },
        { label: 'Coroner involved', value: yesNo(record.coronerInvolved) },
        { label: 'Police investigation', value: yesNo(record.policeInvestigation) },
      ],
      jarEvents: jarEvents.map(({ event }) => event),
      rapidResponseMeeting: jarEvents.filter(e => e.code === 'jar_meeting').pop()?.event ?? null,
      familyQuestions: questions ? redact(questions) : null,
      reports,
      awaiting,
      missing: [
        ...recordGaps(record).map(gap => gap.text),
        ...awaiting.map(agency => `Report from ${agency} not yet received`),
      ],
    }
  }

  async recordView(context: AuditContext, meetingId: string, caseIds: string[], whole: boolean): Promise<void> {
    await this.auditService.record(context, {
      action: 'pack_viewed',
      entityType: 'meeting',
      entityId: meetingId,
      details: { caseIds, whole },
    })
  }

  /**
   * The joint agency response's events. Only their kind, date and who took part by agency and role
   * (the role through the redactor, as free text): the notes stay on the case record, as the
   * circumstances do, since only the anonymised summary is written for the panel.
   */
  private async jarEvents(record: Case, redact: (text: string) => string) {
    const events = await this.db.models.JarEvent.findAll({
      where: { caseId: record.id },
      attributes: ['kind', 'eventDate', 'attendees'],
      order: [
        ['eventDate', 'ASC'],
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
    })
    return events.map(event => ({
      code: event.kind,
      event: {
        kind: jarEventKinds.label(event.kind),
        date: formatGovukDate(event.eventDate),
        daysAfterDeath: daysBetween(record.dateOfDeath, event.eventDate),
        attendees: (event.attendees ?? []).map(a => {
          const agency = agencies.has(a.agency) ? agencies.label(a.agency) : 'Other agency'
          const role = a.role?.trim()
          return role ? `${agency} (${redact(role)})` : agency
        }),
      },
    }))
  }

  /** Received reports by agency with their answers redacted, and the agencies still to report. */
  private async reports(record: Case): Promise<{ reports: PackReport[]; awaiting: string[] }> {
    const requests = await this.db.models.AgencyRequest.findAll({
      where: { caseId: record.id },
      attributes: ['agency', 'agencyOther', 'status', 'report', 'submittedAt', 'contactName'],
      order: [['createdAt', 'ASC']],
    })
    const reports = requests
      .filter(request => request.status === 'received' && request.report)
      .map(request => {
        const redact = redactorFor({ ...record.get(), otherNames: [request.contactName] })
        return {
          agency: redact(agencyName(request)),
          receivedOn: request.submittedAt ? formatGovukDate(todayInLondon(request.submittedAt)) : '',
          sections: reportSectionsFor(request.report, redact),
        }
      })
    const awaiting = requests
      .filter(request => request.status === 'requested')
      .map(request => redactorFor({ ...record.get(), otherNames: [request.contactName] })(agencyName(request)))
    return { reports, awaiting }
  }
}
