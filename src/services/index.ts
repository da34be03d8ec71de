import type { Config } from '../config'
import type { Database } from '../db'
import AccountLinkService from './accountLinkService'
import AnnualReportService from './annualReport/annualReportService'
import { createAgencyRequestServices } from './agencyRequests'
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
import { createMeetingServices } from './meetings'
import PasswordHasher from './passwordHasher'
import DataQualityService from './report/dataQualityService'
import ReportLearningService from './report/reportLearningService'
import { createReviewServices } from './reviews'
import SecondFactorService from './secondFactorService'
import SetupService from './setupService'
import SignInService from './signInService'
import PublicationService from './statistics/publicationService'
import StatisticsService from './statistics/statisticsService'
import UserService from './userService'

/** What a caller (the tests) may put in place of the real thing. */
export interface ServiceOverrides {
  passwordHasher?: PasswordHasher
}

/** Builds every service once, wiring their dependencies through constructors. */
export function createServices(db: Database, config: Config, overrides: ServiceOverrides = {}) {
  const passwordHasher = overrides.passwordHasher ?? new PasswordHasher()
  const auditService = new AuditService(db)
  const auditChainService = new AuditChainService(db)
  const userService = new UserService(db, auditService, passwordHasher)
  const caseService = new CaseService(db, auditService, new CaseReferenceAllocator(db))
  const meetingServices = createMeetingServices(db, auditService, caseService)
  const statisticsService = new StatisticsService(db, auditService, config.statistics)
  const secondFactorService = new SecondFactorService(db, auditService, config.mfa, 'Child death review service')
  const publicationService = new PublicationService(db, auditService, statisticsService, config.statistics)
  const reviewServices = createReviewServices(db, auditService, caseService, meetingServices.meetingService)
  const reportLearningService = new ReportLearningService(db, auditService)
  const dataQualityService = new DataQualityService(db, auditService)
  const agencyRequestServices = createAgencyRequestServices(db, config, auditService, caseService)
  return {
    config,
    auditService,
    auditChainService,
    auditBrowser: new AuditBrowser(db),
    auditHeadJob: new AuditHeadJob(auditChainService),
    healthService: new HealthService(db),
    historyImportService: new HistoryImportService(db, auditService),
    caseService,
    caseMergeService: new CaseMergeService(db, auditService),
    caseSearchService: new CaseSearchService(db),
    dashboardService: new DashboardService(db),
    familyLetterService: new FamilyLetterService(db, auditService),
    userService,
    signInService: new SignInService(userService, auditService, passwordHasher, config.signIn, secondFactorService),
    secondFactorService,
    setupService: new SetupService(db, userService, config.setupLinkHours),
    statisticsService,
    publicationService,
    ...agencyRequestServices,
    jarEventService: new JarEventService(db, auditService),
    localAuthorityService: new LocalAuthorityService(db, auditService),
    accountLinkService: new AccountLinkService(
      db,
      auditService,
      agencyRequestServices.outboxService,
      passwordHasher,
      config.accountLinks,
      config.baseUrl,
      'Child death review service',
    ),
    ...meetingServices,
    annualReportService: new AnnualReportService(
      db,
      auditService,
      statisticsService,
      publicationService,
      meetingServices.quorumRuleService,
      { learning: reportLearningService, actions: reviewServices.actionService, dataQuality: dataQualityService },
      config.annualReport,
    ),
    ...reviewServices,
    reportLearningService,
    dataQualityService,
  }
}

export type Services = ReturnType<typeof createServices>
