/**
 * How long a statistics release takes over a million cases.
 *
 * Makes a scratch database (BENCH_DATABASE_URL's server when set, otherwise the embedded development
 * PostgreSQL), migrates it, generates 1,000,000 synthetic cases in one INSERT … SELECT over
 * generate_series, then times StatisticsService.buildRelease for a single year, the latest year and a
 * pooled span, and prints the timings and the summary figures. The scratch database is dropped at
 * the end unless BENCH_KEEP=1 (then a second run reuses its cases).
 *
 *   npm run bench                 (every bench)      npx tsx bench/statistics.ts   (this one)
 *   BENCH_CASES=200000 npx tsx bench/statistics.ts
 */
import { performance } from 'node:perf_hooks'
import { Client } from 'pg'
import config from '../src/config'
import { createDatabase } from '../src/db'
import { ensureEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { migrateUp } from '../src/db/migrator'
import AuditService from '../src/services/auditService'
import StatisticsService from '../src/services/statistics/statisticsService'

const DATABASE = 'cdop_bench_statistics'
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000)
const RUNS = 5
// Every figure is as of this instant, so the run is reproducible whenever it is made.
const NOW = new Date('2025-06-01T12:00:00Z')

/**
 * Deaths spread over 1 April 2004 to 31 March 2025 with a realistic age mix (most in the first year),
 * every sex, ethnic category and category of death; three in four reviewed between a month and
 * two and a half years later (not after the bench's "today"), some transferred out or out of scope,
 * some reviews legacy preventability only. setseed makes every run generate the same cases.
 */
const GENERATE_SQL = `
SELECT setseed(0.42);
INSERT INTO cases (case_ref, date_of_birth, date_of_death, sex, ethnicity, expected, notified_at, status,
  review_date, category, modifiable_factors, preventability, jar_date)
SELECT 'BENCH-' || g,
  dod - age,
  dod,
  CASE WHEN r_sex < 0.55 THEN 'male' WHEN r_sex < 0.98 THEN 'female' WHEN r_sex < 0.99 THEN 'indeterminate' ELSE 'not_known' END,
  (ARRAY['A','B','C','D','E','F','G','H','J','K','L','M','N','P','R','S','Z','not_known'])[1 + floor(r_eth * 18)::int],
  CASE WHEN r_exp < 0.6 THEN 'expected' ELSE 'unexpected' END,
  dod + floor(r_notify * 5)::int,
  CASE WHEN reviewed THEN 'reviewed' WHEN r_status < 0.05 THEN 'transferred_out' WHEN r_status < 0.08 THEN 'out_of_scope'
       ELSE 'information_gathering' END,
  CASE WHEN reviewed THEN review END,
  CASE WHEN reviewed THEN 1 + floor(r_cat * 10)::int END,
  CASE WHEN reviewed AND review >= '2010-04-01' THEN (ARRAY['identified', 'not_identified', 'inadequate_information'])[1 + floor(r_mf * 3)::int] END,
  CASE WHEN reviewed AND review < '2010-04-01' THEN (ARRAY['preventable', 'potentially_preventable', 'not_preventable', 'inadequate_information'])[1 + floor(r_mf * 4)::int] END,
  CASE WHEN r_exp >= 0.6 THEN dod + floor(r_notify * 3)::int END
FROM (
  SELECT g, dod, age, review, r_sex, r_eth, r_exp, r_notify, r_status, r_cat, r_mf,
    r_status >= 0.25 AND review <= '2025-05-31'::date AS reviewed
  FROM (
    SELECT g, dod, age, dod + 30 + floor(random() * 900)::int AS review,
      random() AS r_sex, random() AS r_eth, random() AS r_exp, random() AS r_notify, random() AS r_status,
      random() AS r_cat, random() AS r_mf
    FROM (
      SELECT g, '2004-04-01'::date + floor(random() * 7670)::int AS dod,
        CASE WHEN r < 0.4 THEN floor(random() * 28)::int WHEN r < 0.65 THEN 28 + floor(random() * 337)::int
             ELSE 365 + floor(random() * 6204)::int END AS age
      FROM (SELECT g, random() AS r FROM generate_series(1, $CASES) g) s0
    ) s1
  ) s2
) s3;
`

async function scratchServerUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined }
  const embedded = await ensureEmbeddedPostgres({
    dir: config.db.embeddedDir,
    port: config.db.embeddedPort,
    database: 'postgres',
  })
  return { url: embedded.url, stop: embedded.stop }
}

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

const ms = (start: number) => performance.now() - start

export default async function benchStatistics(): Promise<void> {
  const server = await scratchServerUrl()
  const keep = process.env.BENCH_KEEP === '1'
  const url = withDatabase(server.url, DATABASE)
  if (!keep) await admin(server.url, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
  await admin(server.url, `CREATE DATABASE "${DATABASE}"`).catch(error => {
    if (!keep || !String(error).includes('already exists')) throw error
  })
  const db = createDatabase({ url, poolMax: 4 })
  try {
    await migrateUp(db.sequelize, url)
    const [[{ n: existing }]] = (await db.sequelize.query('SELECT count(*)::int AS n FROM cases')) as [
      { n: number }[],
      unknown,
    ]
    if (existing !== CASES) {
      await db.sequelize.query('TRUNCATE cases CASCADE')
      let start = performance.now()
      // Building each secondary index once afterwards is far quicker than updating it row by row.
      const [indexes] = (await db.sequelize.query(
        `SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = 'cases'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      )) as [{ indexname: string; indexdef: string }[], unknown]
      for (const index of indexes) await db.sequelize.query(`DROP INDEX "${index.indexname}"`)
      await db.sequelize.query(GENERATE_SQL.replace('$CASES', String(CASES)))
      for (const index of indexes) await db.sequelize.query(index.indexdef)
      console.log(`Generated ${CASES.toLocaleString('en-GB')} cases in ${(ms(start) / 1000).toFixed(1)} s`)
      start = performance.now()
      await db.sequelize.query('VACUUM ANALYZE cases')
      console.log(`VACUUM ANALYZE in ${(ms(start) / 1000).toFixed(1)} s`)
    } else {
      console.log(`Reusing ${CASES.toLocaleString('en-GB')} cases in ${DATABASE}`)
    }

    const service = new StatisticsService(db, new AuditService(db), { suppressMax: 5 }, () => NOW)
    for (const years of ['2016-17', '2024-25', '2022-23..2024-25']) {
      for (const mode of ['published', 'unsuppressed'] as const) {
        const timings: number[] = []
        let release = await service.buildRelease({ years, mode })
        for (let i = 0; i < RUNS; i += 1) {
          const start = performance.now()
          release = await service.buildRelease({ years, mode })
          timings.push(ms(start))
        }
        timings.sort((a, b) => a - b)
        const summary = release.tables.find(t => t.id === 'summary')!
        const figures = summary.rows.map(r => `${r.code}=${summary.values[r.code].count}`).join(' ')
        console.log(
          `buildRelease ${years.padEnd(16)} ${mode.padEnd(12)} median ${timings[RUNS >> 1].toFixed(0)} ms ` +
            `(min ${timings[0].toFixed(0)}, max ${timings[RUNS - 1].toFixed(0)})  ${figures}`,
        )
      }
    }
  } finally {
    await db.close()
    if (!keep) await admin(server.url, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
    await server.stop()
  }
}

if (require.main === module) {
  benchStatistics().catch(error => {
    console.error(error)
    process.exitCode = 1
  })
}
