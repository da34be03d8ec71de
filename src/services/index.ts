import type { Config } from '../config'
import type { Database } from '../db'
import AuditService from './auditService'
import CaseReferenceAllocator from './caseReferenceAllocator'
import CaseSearchService from './caseSearchService'
import CaseService from './caseService'
import DashboardService from './dashboardService'
import HealthService from './healthService'
import PasswordHasher from './passwordHasher'
import SetupService from './setupService'
import SignInService from './signInService'
import StatisticsService from './statistics/statisticsService'
import UserService from './userService'

/** Builds every service once, wiring their dependencies through constructors. */
export function createServices(db: Database, config: Config) {
  const passwordHasher = new PasswordHasher()
  const auditService = new AuditService(db)
  const userService = new UserService(db, auditService, passwordHasher)
  return {
    config,
    auditService,
    healthService: new HealthService(db),
    caseService: new CaseService(db, auditService, new CaseReferenceAllocator(db)),
    caseSearchService: new CaseSearchService(db),
    dashboardService: new DashboardService(db),
    statisticsService: new StatisticsService(db, auditService, config.statistics),
    userService,
    signInService: new SignInService(userService, auditService, passwordHasher, config.signIn),
    setupService: new SetupService(db, userService, config.setupLinkHours),
  }
}

export type Services = ReturnType<typeof createServices>
