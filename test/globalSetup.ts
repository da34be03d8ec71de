import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { createDatabaseIfMissing, ensureEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { createSequelize } from '../src/db/connection'
import { migrateUp } from '../src/db/migrator'

const WORKERS = 4

/**
 * Tests run against a real PostgreSQL: TEST_DATABASE_URL when set (used as it is, one worker),
 * otherwise a throwaway embedded cluster. There, the migrations run once into a template
 * database and each Jest worker gets its own copy, so workers never see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    const sequelize = createSequelize({ url: process.env.TEST_DATABASE_URL, poolMax: 2 })
    await migrateUp(sequelize, process.env.TEST_DATABASE_URL)
    await sequelize.close()
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

  const sequelize = createSequelize({ url: embedded.url, poolMax: 2 })
  await migrateUp(sequelize, embedded.url)
  await sequelize.close()

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
}
