import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { createDatabaseIfMissing, ensureEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { migrateAndGrant } from '../src/bootstrap'

const WORKERS = 4

/**
 * Tests run against a real PostgreSQL: TEST_DATABASE_URL when set (used as it is, one worker; the
 * app's role is TEST_APP_DATABASE_URL, or the same role), otherwise a throwaway embedded cluster.
 * There, the migrations run once into a template database and each Jest worker gets its own copy,
 * so workers never see each other's rows. As in production, the app under test connects as its
 * own role (cdop_app), and only the helpers that empty tables or tamper with the audit log as the
 * owner use the owner's URL (MIGRATION_DATABASE_URL, see setupEnv.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    const owner = process.env.TEST_DATABASE_URL
    await migrateAndGrant(owner, process.env.TEST_APP_DATABASE_URL ?? owner, false)
    return
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-test-pg-'))
  fs.chmodSync(dir, 0o755)
  const port = 20000 + Math.floor(Math.random() * 20000)
  const embedded = await ensureEmbeddedPostgres({
    dir: path.join(dir, 'data'),
    port,
    database: 'cdop_template',
    persistent: false,
  })
  ;(globalThis as { __TEST_PG__?: unknown }).__TEST_PG__ = { stop: embedded.stop, dir }

  await migrateAndGrant(embedded.url, embedded.appUrl, false)

  // A template database cannot be copied while anyone is connected to it.
  const admin = new Client({ connectionString: embedded.url.replace(/\/cdop_template$/, '/postgres') })
  await admin.connect()
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'cdop_template' AND pid <> pg_backend_pid()`,
  )
  await admin.end()
  for (let worker = 1; worker <= WORKERS; worker += 1) {
    await createDatabaseIfMissing(port, `cdop_test_${worker}`, 'cdop_template')
  }
  process.env.TEST_PG_SERVER_URL = embedded.url.replace(/\/cdop_template$/, '')
  process.env.TEST_PG_APP_SERVER_URL = embedded.appUrl.replace(/\/cdop_template$/, '')
}
