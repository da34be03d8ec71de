import type { Config } from '../../config'
import type { Database } from '../../db'
import type AuditService from '../auditService'
import type CaseService from '../caseService'
import ReminderJob from '../jobs/reminderJob'
import ScheduledJobs from '../jobs/scheduledJobs'
import { createMailTransport } from '../mail/mailTransport'
import OutboxService from '../mail/outboxService'
import AgencyLeadService from './agencyLeadService'
import AgencyLinkService from './agencyLinkService'
import AgencyRequestService from './agencyRequestService'
import RateLimiter from './rateLimiter'
import ReadinessService from './readinessService'

/** Information gathering from agencies: requests, the secure link, e-mail, reminders and readiness. */
export function createAgencyRequestServices(
  db: Database,
  config: Config,
  auditService: AuditService,
  caseService: CaseService,
) {
  const outboxService = new OutboxService(db, auditService, createMailTransport(config.mail))
  const rateLimiter = new RateLimiter(db)
  const reminderJob = new ReminderJob(
    db,
    auditService,
    outboxService,
    config.agencyRequests.reminderDaysBeforeDue,
    undefined,
    config.agencyRequests.escalationDaysAfterOverdue,
  )
  return {
    outboxService,
    rateLimiter,
    reminderJob,
    scheduledJobs: new ScheduledJobs(reminderJob, outboxService, rateLimiter),
    agencyRequestService: new AgencyRequestService(
      db,
      auditService,
      outboxService,
      caseService,
      config.agencyRequests,
      config.baseUrl,
    ),
    agencyLinkService: new AgencyLinkService(db, auditService, outboxService, config.baseUrl),
    readinessService: new ReadinessService(db, auditService, caseService),
    agencyLeadService: new AgencyLeadService(db, auditService),
  }
}
