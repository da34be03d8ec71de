import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import config from '../../../src/config'
import { REMINDER_LOCK_KEY } from '../../../src/services/jobs/reminderJob'
import { csvOf, historyRow } from '../../fixtures/import/historyCsv'
import { runCliInTest } from '../../helpers/cli'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '../../..')
// Nothing listens on port 1: the mail server is down.
const DEAD_SMTP = { ...config, mail: { ...config.mail, smtpUrl: 'smtp://127.0.0.1:1' } }

/** Every command says why on standard error and exits non-zero when it did not do what was asked. */
describe('command line exit codes', () => {
  let t: TestApp
  let dir: string
  const write = (name: string, content: string) => {
    const file = path.join(dir, name)
    fs.writeFileSync(file, content)
    return file
  }

  beforeAll(() => {
    t = createTestApp()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-exit-codes-'))
    fs.chmodSync(dir, 0o755) // initdb runs as another user when the tests run as root
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    await t.close()
  })

  it('exits 1 from the real entry point, on the embedded database, when an import file is refused', async () => {
    // The in-process runner cannot see this: once the embedded PostgreSQL was started, its exit
    // hook (async-exit-hook) ended the process with code 0 on "beforeExit", so a refused file
    // looked like a success to a scheduler.
    const file = write('wrong-header.csv', 'foo,bar\n1,2\n')
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EMBEDDED_PG_DIR: path.join(dir, 'pg'),
      EMBEDDED_PG_PORT: String(20000 + Math.floor(Math.random() * 20000)),
      NODE_ENV: 'development',
    }
    // Both URLs, or the embedded database is not used (a lone owner URL is refused by the config).
    delete env.DATABASE_URL
    delete env.MIGRATION_DATABASE_URL
    const failed = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/index.ts', 'import', file], {
      cwd: ROOT,
      env,
    }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    expect(failed).not.toBeNull()
    expect(failed!.code).toBe(1)
    expect(failed!.stdout).toBe('')
    expect(failed!.stderr).toContain('Nothing was imported: wrong-header.csv has')
    expect(failed!.stderr).toContain('Row 1, foo: this is not a column of the import')
  }, 180_000)

  it('exits 1 for a dry run that finds problems, with each problem on standard error', async () => {
    const file = write('bad.csv', csvOf([historyRow(1), { ...historyRow(2), sex: 'Male' }]))
    const result = await runCliInTest(t, ['import', '--dry-run', file])
    expect(result.code).toBe(1)
    expect(result.out).toBe('')
    expect(result.err).toContain('Nothing was imported: bad.csv has 1 problem')
    expect(result.err).toContain('Row 3, sex: "Male" is not a code: write male')
  })

  it('exits 2 with the usage for unknown options, and 1 for an unknown command', async () => {
    const option = await runCliInTest(t, ['import', '--force', 'x.csv'])
    expect(option.code).toBe(2)
    expect(option.err).toContain("Unknown option '--force'")
    const unknown = await runCliInTest(t, ['imprt'])
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain('Unknown command "imprt"')
  })

  it('exits 1 from jobs:run-reminders when e-mail could not be sent, saying so on standard error', async () => {
    await t.db.models.OutboxMessage.create({
      kind: 'agency_request',
      toAddress: 'gp@example.org',
      subject: 'Request for information',
      bodyText: 'Please report.',
      caseId: null,
      requestId: null,
      nextAttemptAt: new Date(0),
    })
    const result = await runCliInTest(t, ['jobs:run-reminders'], { config: DEAD_SMTP })
    expect(result.code).toBe(1)
    expect(result.err).toContain('Emails: 0 sent, 1 could not be sent')
  })

  it('exits 1 from jobs:run-reminders when another instance holds the reminders lock', async () => {
    await t.db.transaction(async transaction => {
      await t.db.sequelize.query('SELECT pg_advisory_xact_lock(:key)', {
        replacements: { key: REMINDER_LOCK_KEY },
        transaction,
      })
      const result = await runCliInTest(t, ['jobs:run-reminders'])
      expect(result.code).toBe(1)
      expect(result.err).toContain('Reminders are being sent by another instance right now')
    })
  })

  it('exits 0 from jobs:run-reminders when everything was done', async () => {
    const result = await runCliInTest(t, ['jobs:run-reminders'])
    expect(result).toMatchObject({ code: 0, err: '' })
  })
})
