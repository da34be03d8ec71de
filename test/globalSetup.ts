import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { createDatabaseIfMissing, ensureEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { migrateAndGrant } from '../src/bootstrap'

/** Databases made for workers when Jest does not say how many it runs (it passes its globalConfig). */
const DEFAULT_WORKERS = 4

/**
 * The throwaway cluster is thrown away: nothing needs to survive a crash, so it writes nothing to
 * disk synchronously. Each test empties every table (TRUNCATE makes new files, and with fsync on
 * PostgreSQL waits for the disk at every commit); on a busy shared disk that wait was most of a
 * test's time. Never set on a cluster that holds data.
 */
const THROWAWAY_SETTINGS = ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']

/**
 * Tests run against a real PostgreSQL: TEST_DATABASE_URL when set (used as it is, one worker; the
 * app's role is TEST_APP_DATABASE_URL, or the same role), otherwise a throwaway embedded cluster.
 * There, the migrations run once into a template database and each Jest worker gets its own copy,
 * so workers never see each other's rows. As in production, the app under test connects as its
 * own role (cdop_app), and only the helpers that empty tables or tamper with the audit log as the
 * owner use the owner's URL (MIGRATION_DATABASE_URL, see setupEnv.ts).
 */
export default async function globalSetup(globalConfig?: { maxWorkers?: number }): Promise<void> {
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

  const server = new Client({ connectionString: embedded.url.replace(/\/cdop_template$/, '/postgres') })
  await server.connect()
  for (const setting of THROWAWAY_SETTINGS) await server.query(`ALTER SYSTEM SET ${setting}`)
  await server.query('SELECT pg_reload_conf()')
  await server.end()

  await migrateAndGrant(embedded.url, embedded.appUrl, false)

  // A template database cannot be copied while anyone is connected to it.
  const admin = new Client({ connectionString: embedded.url.replace(/\/cdop_template$/, '/postgres') })
  await admin.connect()
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'cdop_template' AND pid <> pg_backend_pid()`,
  )
  await admin.end()
  // One database per worker Jest will start (JEST_WORKER_ID runs from 1 to maxWorkers).
  const workers = Math.max(1, globalConfig?.maxWorkers ?? DEFAULT_WORKERS)
  for (let worker = 1; worker <= workers; worker += 1) {
    await createDatabaseIfMissing(port, `cdop_test_${worker}`, 'cdop_template')
  }
  process.env.TEST_PG_SERVER_URL = embedded.url.replace(/\/cdop_template$/, '')
  process.env.TEST_PG_APP_SERVER_URL = embedded.appUrl.replace(/\/cdop_template$/, '')
}
