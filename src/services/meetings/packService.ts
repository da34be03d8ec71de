import type { Database } from '../../db'
import type { Case } from '../../db/models'
import { ageBand } from '../../domain/ageBand'
import { agencies, ageBands, expectedness, jarTriggers, postMortemStatuses, sexes } from '../../domain/codes'
import { formatGovukDate, todayInLondon } from '../../domain/dates'
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
