import type { Config } from '../config'
import type { Database } from '../db'
import AccountLinkService from './accountLinkService'
import { createAgencyRequestServices } from './agencyRequests'
import AuditService from './auditService'
import CaseReferenceAllocator from './caseReferenceAllocator'
import CaseSearchService from './caseSearchService'
import CaseService from './caseService'
import DashboardService from './dashboardService'
import HealthService from './healthService'
import HistoryImportService from './import/historyImportService'
import { createMeetingServices } from './meetings'
import PasswordHasher from './passwordHasher'
import { createReviewServices } from './reviews'
import SecondFactorService from './secondFactorService'
import SetupService from './setupService'
import SignInService from './signInService'
import StatisticsService from './statistics/statisticsService'
import UserService from './userService'

/** Builds every service once, wiring their dependencies through constructors. */
export function createServices(db: Database, config: Config) {
  const passwordHasher = new PasswordHasher()
  const auditService = new AuditService(db)
  const userService = new UserService(db, auditService, passwordHasher)
  const caseService = new CaseService(db, auditService, new CaseReferenceAllocator(db))
  const meetingServices = createMeetingServices(db, auditService, caseService)
  const secondFactorService = new SecondFactorService(db, auditService, config.mfa, 'Child death review service')
  const agencyRequestServices = createAgencyRequestServices(db, config, auditService, caseService)
  return {
    config,
    auditService,
    healthService: new HealthService(db),
    historyImportService: new HistoryImportService(db, auditService),
    caseService,
    caseSearchService: new CaseSearchService(db),
    dashboardService: new DashboardService(db),
    userService,
    signInService: new SignInService(userService, auditService, passwordHasher, config.signIn, secondFactorService),
    secondFactorService,
    setupService: new SetupService(db, userService, config.setupLinkHours),
    statisticsService: new StatisticsService(db, auditService, config.statistics),
    ...agencyRequestServices,
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
    ...createReviewServices(db, auditService, caseService, meetingServices.meetingService),
  }
}

export type Services = ReturnType<typeof createServices>
