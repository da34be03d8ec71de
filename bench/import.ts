/**
 * History import: the service's import of a generated CSV (100,000 valid rows; 10,000 with --quick)
 * against the floor of the same writes (the same rows COPYed into a staging table with
 * pg-copy-streams, then one set-based INSERT … SELECT into cases with their status history and
 * audit events). Then peak memory of the import at 10,000 and at 300,000 rows (a tenth with
 * --quick), each in a fresh process, to see memory stay flat as the file grows.
 *
 * Every measurement runs in its own child process on its own database of one scratch server.
 *
 *   npm run bench                 (every bench)      npx tsx bench/import.ts [--quick]
 */
import { fork } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { from as copyFrom } from 'pg-copy-streams'
import config from '../src/config'
import { createDatabase } from '../src/db'
import { migrateUp } from '../src/db/migrator'
import { normaliseNhsNumber } from '../src/domain/nhsNumber'
import { createServices } from '../src/services'
import { systemContext } from '../src/services/auditContext'
import { importColumnNames } from '../src/services/import/importColumns'
import { historyRow } from '../test/fixtures/import/historyCsv'
import { peakRssMb, record, scale, scratchServer } from './lib'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? scale(100_000))
const SMALL = scale(10_000)
const LARGE = scale(300_000)

/** Writes the file row by row, so generating it does not itself fill the memory being measured. */
async function writeCsv(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file)
  const line = (cells: string[]) => stringify([cells], { record_delimiter: '\r\n' })
  out.write(`\uFEFF${line([...importColumnNames])}`)
  for (let i = 1; i <= rows; i += 1) {
    const row = historyRow(i) as Record<string, string>
    if (!out.write(line(importColumnNames.map(c => row[c] ?? ''))))
      await new Promise<void>(resolve => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
}

const STAGED = `case_ref, given_names, family_name, nhs_number, date_of_birth, date_of_death, sex, ethnicity,
  local_authority, ward, postcode, resident, place_of_death, expected, notified_at, jar_date, status,
  review_date, category, modifiable_factors, preventability, learning_points`

/** The same rows as the import saves them, as COPY text (tab separated, \N for null). */
function* stagedLines(rows: number): Generator<string> {
  const copyText = (v: string | null) =>
    v === null || v === ''
      ? '\\N'
      : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
  for (let i = 1; i <= rows; i += 1) {
    const r = historyRow(i) as Record<string, string>
    const status = r.status || (r.review_date ? 'reviewed' : 'information_gathering')
    const cells = [
      r.case_ref,
      r.given_names,
      r.family_name,
      normaliseNhsNumber(r.nhs_number) || null,
      r.date_of_birth,
      r.date_of_death,
      r.sex,
      r.ethnicity || 'not_known',
      r.local_authority,
      r.ward,
      r.postcode,
      r.resident === 'no' ? 'f' : 't',
      r.place_of_death,
      r.expected,
      r.notified_at || r.date_of_death,
      r.jar_date,
      status,
      r.review_date,
      r.category,
      r.modifiable_factors,
      r.preventability,
      r.learning_points,
    ]
    yield `${cells.map(copyText).join('\t')}\n`
  }
}

/** The floor: COPY into a staging table, then one set-based insert of cases, status history and audit events. */
async function floor(url: string, rows: number): Promise<number> {
  const db = createDatabase({ url, poolMax: 2 })
  try {
    await migrateUp(db.sequelize, url)
    const client = await (
      db.sequelize.connectionManager as unknown as { getConnection: () => Promise<import('pg').PoolClient> }
    ).getConnection()
    const started = performance.now()
    await client.query('BEGIN')
    await client.query(`CREATE TEMP TABLE staged (LIKE cases INCLUDING DEFAULTS) ON COMMIT DROP`)
    await pipeline(Readable.from(stagedLines(rows)), client.query(copyFrom(`COPY staged (${STAGED}) FROM STDIN`)))
    await client.query(`
      WITH inserted AS (
        INSERT INTO cases (${STAGED}, jar_required, imported)
        SELECT ${STAGED}, CASE WHEN jar_date IS NOT NULL THEN true END, true FROM staged
        RETURNING id, status, on_hold_reason
      ), history AS (
        INSERT INTO case_status_changes (case_id, from_status, to_status, reason_code, reason)
        SELECT id, NULL, status, on_hold_reason, 'Imported' FROM inserted
      )
      INSERT INTO audit_events (action, entity_type, entity_id, details)
      SELECT 'case_imported', 'case', id::text, '{"import_id": "floor"}'::jsonb FROM inserted`)
    await client.query('COMMIT')
    const seconds = (performance.now() - started) / 1000
    ;(db.sequelize.connectionManager as unknown as { releaseConnection: (c: unknown) => void }).releaseConnection(
      client,
    )
    return rows / seconds
  } finally {
    await db.close()
  }
}

/** The service's own import of a generated file of `rows` rows. */
async function service(url: string, rows: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-bench-import-'))
  const db = createDatabase({ url, poolMax: 4 })
  try {
    await migrateUp(db.sequelize, url)
    const file = path.join(dir, 'history.csv')
    await writeCsv(file, rows)
    const { historyImportService } = createServices(db, config)
    const started = performance.now()
    const result = await historyImportService.import(() => fs.createReadStream(file), {
      dryRun: false,
      actor: systemContext(),
      fileName: 'history.csv',
      via: 'command_line',
    })
    const seconds = (performance.now() - started) / 1000
    if (!result.ok) throw new Error(`The import found problems: ${JSON.stringify(result.problems.slice(0, 5))}`)
    return result.imported / seconds
  } finally {
    await db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs one measurement in a fresh process: its rate and the process's peak memory. */
async function inChild(kind: 'service' | 'floor', rows: number, url: string): Promise<{ rate: number; rssMb: number }> {
  const child = fork(__filename, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_IMPORT_CHILD: `${kind}:${rows}:${url}`, BENCH_RESULTS: '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('message', message => resolve(message as { rate: number; rssMb: number }))
    child.once('exit', code =>
      code ? reject(new Error(`The ${kind} import of ${rows} rows failed (${code})`)) : undefined,
    )
  })
}

async function main(): Promise<void> {
  const server = await scratchServer()
  try {
    const run = async (kind: 'service' | 'floor', rows: number) => {
      const url = await server.database('cdop_bench_import')
      try {
        const measured = await inChild(kind, rows, url)
        console.log(
          `${kind.padEnd(8)} ${rows.toLocaleString('en-GB').padStart(8)} rows: ${Math.round(measured.rate).toLocaleString('en-GB')} rows/s, peak RSS ${measured.rssMb.toFixed(0)} MB`,
        )
        return measured
      } finally {
        await server.drop('cdop_bench_import')
      }
    }
    const copyFloor = await run('floor', ROWS)
    const measured = await run('service', ROWS)
    record({
      name: 'import_rows_per_s',
      value: measured.rate,
      unit: 'rows/s',
      baseline: copyFloor.rate,
      target: '>= 5000',
    })
    record({ name: 'import_ratio', value: measured.rate / copyFloor.rate, unit: 'x', baseline: 1, target: '>= 0.8' })
    record({ name: 'import_peak_rss_mb', value: measured.rssMb, unit: 'MB', baseline: copyFloor.rssMb })
    const small = await run('service', SMALL)
    const large = await run('service', LARGE)
    record({ name: `import_peak_rss_${SMALL / 1000}k_mb`, value: small.rssMb, unit: 'MB' })
    record({ name: `import_peak_rss_${LARGE / 1000}k_mb`, value: large.rssMb, unit: 'MB' })
    record({
      name: 'import_peak_rss_growth',
      value: large.rssMb / small.rssMb - 1,
      unit: `fraction (${LARGE.toLocaleString('en-GB')} vs ${SMALL.toLocaleString('en-GB')} rows)`,
      baseline: 0,
      target: '<= 0.2',
    })
  } finally {
    await server.stop()
  }
}

if (process.env.BENCH_IMPORT_CHILD) {
  const [kind, rows, ...url] = process.env.BENCH_IMPORT_CHILD.split(':')
  const work = kind === 'floor' ? floor : service
  work(url.join(':'), Number(rows))
    .then(rate => process.send!({ rate, rssMb: peakRssMb() }, () => process.exit(0)))
    .catch(error => {
      console.error(error)
      process.exit(1)
    })
} else {
  main().catch(error => {
    console.error(error)
    process.exitCode = 1
  })
}
