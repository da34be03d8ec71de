/**
 * History import speed: generates a CSV of 100,000 valid cases (BENCH_IMPORT_ROWS to change it),
 * imports it into a scratch embedded PostgreSQL (temporary folder, random port, migrated), and
 * prints rows per second end to end (check pass and save pass) and the process's peak memory.
 * The contract asks for at least 2,000 rows a second without holding the file in memory.
 *
 *   npm run bench                 (every bench)      npx tsx bench/import.ts   (this one)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { stringify } from 'csv-stringify/sync'
import config from '../src/config'
import { createDatabase } from '../src/db'
import { ensureEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { migrateUp } from '../src/db/migrator'
import { createServices } from '../src/services'
import { systemContext } from '../src/services/auditContext'
import { importColumnNames } from '../src/services/import/importColumns'
import { historyRow } from '../test/fixtures/import/historyCsv'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
const TARGET_ROWS_PER_SECOND = 2000

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

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

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-bench-import-'))
  fs.chmodSync(dir, 0o755) // the embedded server may run as another user when started by root
  const port = 20000 + Math.floor(Math.random() * 20000)
  const embedded = await ensureEmbeddedPostgres({
    dir: path.join(dir, 'data'),
    port,
    database: 'cdop_bench_import',
    persistent: false,
  })
  const db = createDatabase({ url: embedded.url, poolMax: 4 })
  try {
    await migrateUp(db.sequelize, embedded.url)
    const file = path.join(dir, 'history.csv')
    await writeCsv(file, ROWS)
    const size = fs.statSync(file).size
    console.log(`File: ${ROWS.toLocaleString('en-GB')} rows, ${megabytes(size)}`)

    const { historyImportService } = createServices(db, config)
    const baselineRss = process.memoryUsage().rss
    let peakRss = process.memoryUsage().rss
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20)
    const phases: Record<string, number> = {}
    const started = performance.now()
    const result = await historyImportService.import(() => fs.createReadStream(file), {
      dryRun: false,
      actor: systemContext(),
      fileName: 'history.csv',
      via: 'command_line',
      onProgress: ({ phase }) => (phases[phase] ??= performance.now() - started),
    })
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    peakRss = Math.max(peakRss, process.memoryUsage().rss)

    if (!result.ok) throw new Error(`The import found problems: ${JSON.stringify(result.problems.slice(0, 5))}`)
    const rate = Math.round(result.imported / seconds)
    console.log(`Imported ${result.imported.toLocaleString('en-GB')} cases in ${seconds.toFixed(1)} s`)
    console.log(`Check pass started saving after about ${((phases.saving ?? 0) / 1000).toFixed(1)} s`)
    console.log(
      `Rate: ${rate.toLocaleString('en-GB')} rows/s (target ${TARGET_ROWS_PER_SECOND.toLocaleString('en-GB')})`,
    )
    console.log(
      `Peak RSS during the import: ${megabytes(peakRss)} (${megabytes(baselineRss)} before it; file ${megabytes(size)})`,
    )
    console.log(`Peak RSS of the process: ${megabytes(process.resourceUsage().maxRSS * 1024)}`)
    if (rate < TARGET_ROWS_PER_SECOND) process.exitCode = 1
  } finally {
    await db.close()
    await embedded.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch(error => {
  console.error(error)
  process.exitCode = 1
})
