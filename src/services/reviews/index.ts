import type { Database } from '../../db'
import ActionService from '../actions/actionService'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import ReviewDecisionService from './reviewDecisionService'
import ReviewService from './reviewService'
import type { MeetingFacts } from './reviewTypes'

/**
 * The panel's review and the actions it leads to. `meetingFacts` (quorum, declarations of interest)
 * is the meeting service, so the review applies the same quorum rule as the meeting page.
 */
export function createReviewServices(
  db: Database,
  auditService: AuditService,
  caseService: CaseService,
  meetingFacts: MeetingFacts,
) {
  return {
    reviewService: new ReviewService(db, auditService, meetingFacts),
    reviewDecisionService: new ReviewDecisionService(db, auditService, caseService, meetingFacts),
    actionService: new ActionService(db, auditService),
  }
}
