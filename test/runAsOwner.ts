/**
 * `npm run test:as-owner [-- jest arguments]`: runs test suites against PostgreSQL as a managed
 * database would have it. A throwaway embedded cluster gets an ordinary role that owns a database
 * but is not a superuser (TEST_DATABASE_URL), and an app role with no rights of its own
 * (TEST_APP_DATABASE_URL): migrations, grants and emptying tables between tests all run as that
 * owner. With no arguments it runs a few integration suites that between them touch every table.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { ensureEmbeddedPostgres } from '../src/db/embeddedPostgres'

const DEFAULT_SUITES = [
  'test/integration/audit',
  'test/integration/foundation',
  'test/integration/cases',
  'test/integration/import',
  'test/integration/cli',
]

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-as-owner-'))
  fs.chmodSync(dir, 0o755)
  const port = 20000 + Math.floor(Math.random() * 20000)
  const embedded = await ensureEmbeddedPostgres({
    dir: path.join(dir, 'data'),
    port,
    database: 'postgres',
    persistent: false,
  })
  try {
    const superuser = new Client({ connectionString: embedded.url })
    await superuser.connect()
    try {
      // What a managed PostgreSQL gives you: an owner with no superuser, CREATEROLE or CREATEDB.
      await superuser.query(
        `CREATE ROLE cdop_owner LOGIN PASSWORD 'owner-password' NOSUPERUSER NOCREATEDB NOCREATEROLE`,
      )
      await superuser.query(
        `CREATE ROLE cdop_runtime LOGIN PASSWORD 'runtime-password' NOSUPERUSER NOCREATEDB NOCREATEROLE`,
      )
      await superuser.query(`CREATE DATABASE cdop_as_owner OWNER cdop_owner ENCODING 'UTF8'`)
      // The outage test cuts the app role's connections; a managed service's admin role has this right.
      await superuser.query('GRANT pg_signal_backend TO cdop_owner')
    } finally {
      await superuser.end()
    }
    const base = `127.0.0.1:${port}/cdop_as_owner`
    const args = process.argv.slice(2)
    const result = spawnSync('npx', ['jest', '--runInBand', ...(args.length ? args : DEFAULT_SUITES)], {
      stdio: 'inherit',
      env: {
        ...process.env,
        TZ: 'UTC',
        TEST_DATABASE_URL: `postgres://cdop_owner:owner-password@${base}`,
        TEST_APP_DATABASE_URL: `postgres://cdop_runtime:runtime-password@${base}`,
      },
    })
    return result.status ?? 1
  } finally {
    await embedded.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().then(
  code => process.exit(code),
  error => {
    console.error(`Could not run the tests as an owner: ${(error as Error).message}`)
    process.exit(1)
  },
)
