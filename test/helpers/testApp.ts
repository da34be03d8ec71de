import type { Application } from 'express'
import createApp from '../../src/app'
import config from '../../src/config'
import { createDatabase, Database } from '../../src/db'
import { createSessionStore } from '../../src/middleware/sessionStore'
import { createServices, Services } from '../../src/services'
import PasswordHasher, { CHEAPEST_ARGON2ID } from '../../src/services/passwordHasher'

export interface TestApp {
  app: Application
  db: Database
  services: Services
  close: () => Promise<void>
}

/** The real app on the worker's real database, built exactly as the server builds it. */
export function createTestApp(overrides: { config?: typeof config; db?: Database } = {}): TestApp {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest so globalSetup starts PostgreSQL')
  // Sequelize models are classes bound to one connection: a second app in the same test shares it.
  const db = overrides.db ?? createDatabase({ url, poolMax: 4 })
  // Real argon2id at its cheapest: every test signs in, and OWASP's cost is for attackers, not for the suite.
  const services = createServices(db, overrides.config ?? config, {
    passwordHasher: new PasswordHasher(CHEAPEST_ARGON2ID),
  })
  const sessions = createSessionStore(url, { prune: false })
  const app = createApp(services, { sessionStore: sessions.store })
  return {
    app,
    db,
    services,
    close: async () => {
      await sessions.close()
      if (!overrides.db) await db.close()
    },
  }
}

/**
 * Empties every table between tests. The audit log refuses TRUNCATE by trigger; replica mode
 * (a superuser setting, never available to the app) switches triggers off for this one transaction.
 */
export async function resetDatabase(db: Database): Promise<void> {
  await db.sequelize.transaction(async transaction => {
    const [rows] = await db.sequelize.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('SequelizeMeta', 'sequelize_meta')`,
      { transaction },
    )
    const tables = (rows as { tablename: string }[]).map(r => `"${r.tablename}"`).join(', ')
    await db.sequelize.query('SET LOCAL session_replication_role = replica', { transaction })
    await db.sequelize.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`, { transaction })
  })
}
