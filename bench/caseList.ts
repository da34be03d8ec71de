/**
 * How fast the coordinator's pages answer with 100,000 cases on file: the case list with each kind
 * of search and filter, a case page's reads, and the dashboard. The target is well under a tenth of
 * a second for each page's queries.
 *
 * Makes a scratch database on the embedded development PostgreSQL (or BENCH_DATABASE_URL's server),
 * migrates it, generates the cases in one INSERT … SELECT, times each query (median of several runs,
 * after a warm-up), prints the table and drops the scratch database.
 *
 *   npx tsx bench/caseList.ts          BENCH_CASES=200000 npx tsx bench/caseList.ts
 */
import { performance } from 'node:perf_hooks'
import { Client } from 'pg'
import config from '../src/config'
import { createDatabase } from '../src/db'
import { ensureEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { migrateUp } from '../src/db/migrator'
import AuditService from '../src/services/auditService'
import CaseReferenceAllocator from '../src/services/caseReferenceAllocator'
import CaseSearchService, { readCaseQuery } from '../src/services/caseSearchService'
import CaseService from '../src/services/caseService'
import DashboardService from '../src/services/dashboardService'

const DATABASE = 'cdop_bench_case_list'
const CASES = Number(process.env.BENCH_CASES ?? 100_000)
const RUNS = 7

const GIVEN = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Ava', 'Leo', 'Mia', 'Arthur', 'Ivy', 'Theo', 'Freya', 'Oscar']
const FAMILY = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'Khan',
  'Hartley',
]
const list = (words: string[]) => `ARRAY[${words.map(w => `'${w}'`).join(', ')}]`

const GENERATE_SQL = `
SELECT setseed(0.7);
INSERT INTO cases (case_ref, given_names, family_name, nhs_number, nhs_number_missing_reason, date_of_birth, date_of_death,
  sex, expected, notified_at, status, review_date, category, modifiable_factors, family_leaflet_sent_on)
SELECT 'CDOP-' || (2010 + g % 16) || '-' || lpad(g::text, 6, '0'),
  (${list(GIVEN)})[1 + floor(random() * ${GIVEN.length})::int],
  (${list(FAMILY)})[1 + floor(random() * ${FAMILY.length})::int] || '-' || (g % 997),
  NULL, 'not_yet_available',
  dod - floor(random() * 3000)::int, dod,
  CASE WHEN random() < 0.55 THEN 'male' ELSE 'female' END,
  CASE WHEN random() < 0.6 THEN 'expected' ELSE 'unexpected' END,
  dod + 1,
  CASE WHEN reviewed THEN 'reviewed' ELSE (ARRAY['notified','information_gathering','ready_for_panel','transferred_out'])[1 + floor(random() * 4)::int] END,
  CASE WHEN reviewed THEN dod + 200 END,
  CASE WHEN reviewed THEN 1 + floor(random() * 10)::int END,
  CASE WHEN reviewed THEN 'not_identified' END,
  CASE WHEN random() < 0.9 THEN dod + 3 END
FROM (SELECT g, '2010-04-01'::date + floor(random() * 5500)::int AS dod, random() < 0.8 AS reviewed
      FROM generate_series(1, ${CASES}) g) s
WHERE TRUE;
UPDATE cases SET review_date = NULL, category = NULL, modifiable_factors = NULL, status = 'information_gathering'
 WHERE review_date > CURRENT_DATE;
ANALYZE cases;`

async function time(label: string, work: () => Promise<unknown>): Promise<[string, number]> {
  await work() // warm-up
  const runs: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now()
    await work()
    runs.push(performance.now() - start)
  }
  runs.sort((a, b) => a - b)
  return [label, runs[Math.floor(RUNS / 2)]]
}

async function main(): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined }
    : await ensureEmbeddedPostgres({ dir: config.db.embeddedDir, port: config.db.embeddedPort, database: 'postgres' })
  const adminUrl = server.url.replace(/\/[^/]*$/, '/postgres')
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`)
  await admin.query(`CREATE DATABASE ${DATABASE}`)
  const url = adminUrl.replace(/\/postgres$/, `/${DATABASE}`)
  const db = createDatabase({ url, poolMax: 4 })
  try {
    await migrateUp(db.sequelize, url)
    const started = performance.now()
    await db.sequelize.query(GENERATE_SQL)
    console.log(
      `Generated ${CASES.toLocaleString('en-GB')} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )

    const audit = new AuditService(db)
    const search = new CaseSearchService(db)
    const cases = new CaseService(db, audit, new CaseReferenceAllocator(db))
    const dashboard = new DashboardService(db)
    const [{ id }] = (await db.sequelize.query('SELECT id FROM cases ORDER BY random() LIMIT 1'))[0] as { id: string }[]
    const results = [
      await time('list, first page (newest notified)', () => search.search(readCaseQuery({}))),
      await time('list, page 2,000', () => search.search(readCaseQuery({ page: '2000' }))),
      await time('list, status + financial year', () =>
        search.search(readCaseQuery({ status: 'ready_for_panel', year: '2019-20' })),
      ),
      await time('list, sorted by date of death', () =>
        search.search(readCaseQuery({ sort: 'death', direction: 'asc' })),
      ),
      await time('search, part of a name', () => search.search(readCaseQuery({}, 'hartley-4'))),
      await time('search, case reference', () => search.search(readCaseQuery({}, 'CDOP-2015-001234'))),
      await time('search, NHS number', () => search.search(readCaseQuery({}, '943 476 5919'))),
      await time('case page reads (record, history, timeline)', () =>
        Promise.all([cases.findById(id), cases.statusHistory(id), cases.timelineEvents(id)]),
      ),
      await time('coordinator dashboard', () => dashboard.forCoordinator()),
    ]
    console.log(`\nMedian of ${RUNS} runs with ${CASES.toLocaleString('en-GB')} cases (target: well under 100 ms)`)
    for (const [label, ms] of results)
      console.log(`  ${label.padEnd(48)} ${ms.toFixed(1).padStart(7)} ms${ms > 100 ? '  SLOW' : ''}`)
  } finally {
    await db.close()
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`)
    await admin.end()
    await server.stop()
  }
}

main().catch(error => {
  console.error(error)
  process.exitCode = 1
})
