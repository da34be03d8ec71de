import type { Database } from '../../db'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import AgendaService from './agendaService'
import DeclarationService from './declarationService'
import MeetingLifecycleService from './meetingLifecycleService'
import MeetingService from './meetingService'
import MinutesService from './minutesService'
import PackService from './packService'
import QuorumRuleService from './quorumRuleService'

/** The panel meeting services: meetings and members, agenda, declarations, packs, minutes, the quorum rule. */
export function createMeetingServices(db: Database, auditService: AuditService, caseService: CaseService) {
  const quorumRuleService = new QuorumRuleService(db, auditService)
  const meetingService = new MeetingService(db, auditService, quorumRuleService)
  const agendaService = new AgendaService(db, auditService, caseService, meetingService)
  const declarationService = new DeclarationService(db, auditService, meetingService)
  return {
    quorumRuleService,
    meetingService,
    meetingLifecycleService: new MeetingLifecycleService(db, auditService, caseService, meetingService),
    agendaService,
    declarationService,
    packService: new PackService(db, auditService, agendaService, declarationService),
    minutesService: new MinutesService(db, auditService),
  }
}
