import type { Application } from 'express'
import createApp from '../../src/app'
import config from '../../src/config'
import { createDatabase, Database } from '../../src/db'
import { createSessionStore } from '../../src/middleware/sessionStore'
import { createServices, Services } from '../../src/services'
import PasswordHasher, { CHEAPEST_ARGON2ID } from '../../src/services/passwordHasher'
import { ownerUrl, resetAsOwner } from './ownerDb'

export interface TestApp {
  app: Application
  db: Database
  services: Services
  /** The configuration the app was built with (its session cookie, for the fast sign-in). */
  config: typeof config
  close: () => Promise<void>
}

/** The real app on the worker's real database, built exactly as the server builds it. */
export function createTestApp(overrides: { config?: typeof config; db?: Database; asOwner?: boolean } = {}): TestApp {
  // asOwner: the whole app on the owner's connection, for tests that do what the app's role may not
  // (DDL, bulk set-up, migrations); every other test runs as the least-privileged app role.
  const url = overrides.asOwner ? ownerUrl() : process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest so globalSetup starts PostgreSQL')
  // Sequelize models are classes bound to one connection: a second app in the same test shares it.
  const db = overrides.db ?? createDatabase({ url, poolMax: 4 })
  // Real argon2id at its cheapest: every test signs in, and OWASP's cost is for attackers, not for the suite.
  const appConfig = overrides.config ?? config
  const services = createServices(db, appConfig, {
    passwordHasher: new PasswordHasher(CHEAPEST_ARGON2ID),
  })
  const sessions = createSessionStore(url, { prune: false })
  const app = createApp(services, { sessionStore: sessions.store })
  return {
    app,
    db,
    services,
    config: appConfig,
    close: async () => {
      await sessions.close()
      if (!overrides.db) await db.close()
    },
  }
}

/**
 * Empties every table between tests, as the database's owner (see ownerDb.ts): the app's own role
 * may not, and no superuser is needed.
 */
export async function resetDatabase(_db?: Database): Promise<void> {
  await resetAsOwner()
}
