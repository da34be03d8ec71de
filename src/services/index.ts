import type { Config } from '../config'
import type { Database } from '../db'
import { type Clock, systemClock } from '../domain/clock'
import AccountLinkService from './accountLinkService'
import AnnualReportService from './annualReport/annualReportService'
import AgencyLeadService from './agencyRequests/agencyLeadService'
import AgencyLinkService from './agencyRequests/agencyLinkService'
import AgencyRequestService from './agencyRequests/agencyRequestService'
import RateLimiter from './agencyRequests/rateLimiter'
import ReadinessService from './agencyRequests/readinessService'
import AuditBrowser from './auditBrowser'
import AuditChainService from './auditChainService'
import AuditService from './auditService'
import AuditHeadJob from './jobs/auditHeadJob'
import CaseReferenceAllocator from './caseReferenceAllocator'
import CaseSearchService from './caseSearchService'
import CaseService from './caseService'
import CaseMergeService from './caseMergeService'
import DashboardService from './dashboardService'
import FamilyLetterService from './familyLetterService'
import HealthService from './healthService'
import HistoryImportService from './import/historyImportService'
import JarEventService from './jarEventService'
import LocalAuthorityService from './localAuthorities/localAuthorityService'
import ReminderJob from './jobs/reminderJob'
import ScheduledJobs from './jobs/scheduledJobs'
import { createMailTransport } from './mail/mailTransport'
import OutboxService from './mail/outboxService'
import AgendaService from './meetings/agendaService'
import DeclarationService from './meetings/declarationService'
import MeetingLifecycleService from './meetings/meetingLifecycleService'
import MeetingService from './meetings/meetingService'
import MinutesService from './meetings/minutesService'
import PackService from './meetings/packService'
import QuorumRuleService from './meetings/quorumRuleService'
import PasswordHasher from './passwordHasher'
import DataQualityService from './report/dataQualityService'
import ReportLearningService from './report/reportLearningService'
import ActionService from './actions/actionService'
import ReviewDecisionService from './reviews/reviewDecisionService'
import ReviewService from './reviews/reviewService'
import SecondFactorService from './secondFactorService'
import SetupService from './setupService'
import SignInService from './signInService'
import PublicationService from './statistics/publicationService'
import StatisticsService from './statistics/statisticsService'
import UserService from './userService'

const SERVICE_NAME = 'Child death review service'

/** What a caller (the tests) may put in place of the real thing. */
export interface ServiceOverrides {
  passwordHasher?: PasswordHasher
  /** The time every service decides dates by (reminders, overdue, meetings, reviews, link expiry). */
  clock?: Clock
}

/**
 * The composition root: builds every service once, wiring their dependencies through constructors.
 * Nothing else builds a service, a transport or a job; each takes the same clock.
 */
export function createServices(db: Database, config: Config, overrides: ServiceOverrides = {}) {
  const passwordHasher = overrides.passwordHasher ?? new PasswordHasher()
  const clock = overrides.clock ?? systemClock
  const now = () => clock.now()

  // Audit and accounts.
  const auditService = new AuditService(db)
  const auditChainService = new AuditChainService(db)
  const userService = new UserService(db, auditService, passwordHasher)
  const secondFactorService = new SecondFactorService(db, auditService, config.mfa, SERVICE_NAME, now)

  // Mail: the transport, the outbox that sends through it, and the rate limiter of the public links.
  const outboxService = new OutboxService(db, auditService, createMailTransport(config.mail), now)
  const rateLimiter = new RateLimiter(db, now)

  // Cases.
  const caseService = new CaseService(db, auditService, new CaseReferenceAllocator(db), now)

  // Panel meetings: meetings and members, agenda, declarations, packs, minutes, the quorum rule.
  const quorumRuleService = new QuorumRuleService(db, auditService)
  const meetingService = new MeetingService(db, auditService, quorumRuleService, now)
  const agendaService = new AgendaService(db, auditService, caseService, meetingService)
  const declarationService = new DeclarationService(db, auditService, meetingService)

  // Statistics and the annual report's sources.
  const statisticsService = new StatisticsService(db, auditService, config.statistics, now)
  const publicationService = new PublicationService(db, auditService, statisticsService, config.statistics, now)
  const actionService = new ActionService(db, auditService, now)
  const reportLearningService = new ReportLearningService(db, auditService)
  const dataQualityService = new DataQualityService(db, auditService)
  const localAuthorityService = new LocalAuthorityService(db, auditService)

  // Scheduled jobs: agency reminders and escalation, the outbox's retries, the audit chain head.
  const reminderJob = new ReminderJob(
    db,
    auditService,
    outboxService,
    config.agencyRequests.reminderDaysBeforeDue,
    now,
    config.agencyRequests.escalationDaysAfterOverdue,
  )

  return {
    config,
    clock,
    auditService,
    auditChainService,
    auditBrowser: new AuditBrowser(db),
    auditHeadJob: new AuditHeadJob(auditChainService),
    healthService: new HealthService(db),
    historyImportService: new HistoryImportService(db, auditService, now),
    caseService,
    caseMergeService: new CaseMergeService(db, auditService, now),
    caseSearchService: new CaseSearchService(db),
    dashboardService: new DashboardService(db, now),
    familyLetterService: new FamilyLetterService(db, auditService, now),
    userService,
    signInService: new SignInService(
      userService,
      auditService,
      passwordHasher,
      config.signIn,
      secondFactorService,
      now,
    ),
    secondFactorService,
    setupService: new SetupService(db, userService, config.setupLinkHours, now),
    statisticsService,
    publicationService,
    // Information gathering from agencies: requests, the secure link, e-mail, reminders and readiness.
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
      now,
    ),
    agencyLinkService: new AgencyLinkService(db, auditService, outboxService, config.baseUrl, now),
    readinessService: new ReadinessService(db, auditService, caseService, now),
    agencyLeadService: new AgencyLeadService(db, auditService),
    jarEventService: new JarEventService(db, auditService, now),
    localAuthorityService,
    accountLinkService: new AccountLinkService(
      db,
      auditService,
      outboxService,
      passwordHasher,
      config.accountLinks,
      config.baseUrl,
      SERVICE_NAME,
      now,
    ),
    quorumRuleService,
    meetingService,
    meetingLifecycleService: new MeetingLifecycleService(db, auditService, caseService, meetingService, now),
    agendaService,
    declarationService,
    packService: new PackService(db, auditService, agendaService, declarationService),
    minutesService: new MinutesService(db, auditService),
    // The panel's review and the actions it leads to; the meeting service gives the review the same
    // quorum rule and declarations of interest as the meeting page.
    reviewService: new ReviewService(db, auditService, meetingService),
    reviewDecisionService: new ReviewDecisionService(db, auditService, caseService, meetingService, now),
    actionService,
    reportLearningService,
    dataQualityService,
    annualReportService: new AnnualReportService(
      db,
      auditService,
      statisticsService,
      publicationService,
      quorumRuleService,
      {
        learning: reportLearningService,
        actions: actionService,
        dataQuality: dataQualityService,
        localAuthorities: localAuthorityService,
      },
      config.annualReport,
    ),
  }
}

export type Services = ReturnType<typeof createServices>
