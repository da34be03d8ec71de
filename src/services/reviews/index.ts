import type { Database } from '../../db'
import ActionService from '../actions/actionService'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import ModelMeetingFacts, { MeetingFacts } from './meetingFacts'
import ReviewDecisionService from './reviewDecisionService'
import ReviewService from './reviewService'

/**
 * The panel's review and the actions it leads to. `meetingFacts` (quorum, declarations of interest)
 * is the meeting service when given, otherwise the same answers read from the tables.
 */
export function createReviewServices(
  db: Database,
  auditService: AuditService,
  caseService: CaseService,
  meetingFacts: MeetingFacts = new ModelMeetingFacts(db),
) {
  return {
    reviewService: new ReviewService(db, auditService, meetingFacts),
    reviewDecisionService: new ReviewDecisionService(db, auditService, caseService, meetingFacts),
    actionService: new ActionService(db, auditService),
  }
}
