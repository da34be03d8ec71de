/**
 * How long a statistics release takes at 100,000 and 1,000,000 cases (a tenth with --quick), for one
 * financial year and for three pooled, against the floor: one hand-written SQL statement computing
 * the same counts (FLOOR_SQL below), timed in the same run on the same data.
 *
 * Makes a scratch database (bench/lib.ts), migrates it, generates the synthetic cases in one
 * INSERT … SELECT over generate_series (statistics need only cases, so this is leaner than the
 * `generate` command), and takes the median of several runs after a warm-up.
 *
 *   npm run bench                 (every bench)      npx tsx bench/statistics.ts [--quick]
 *   BENCH_CASES=200000 npx tsx bench/statistics.ts
 */
import { performance } from 'node:perf_hooks'
import { createDatabase } from '../src/db'
import { migrateUp } from '../src/db/migrator'
import { parseFinancialYear } from '../src/domain/financialYear'
import AuditService from '../src/services/auditService'
import { modifiableFactorsOutcomes } from '../src/domain/codes'
import { REVIEW_SETS } from '../src/services/statistics/releaseQuery'
import {
  IN_SCOPE,
  REVIEWED,
  ageBandSql,
  ethnicityGroupSql,
  financialYearStartSql,
  reviewDurationSql,
  sexGroupSql,
} from '../src/services/statistics/sqlExpressions'
import StatisticsService from '../src/services/statistics/statisticsService'
import { QUICK, median, peakRssMb, record, scale, scratchServer } from './lib'

const DATABASE = 'cdop_bench_statistics'
/** Sizes measured, smallest first: 100,000 and 1,000,000 cases (a tenth with --quick). */
const SIZES = process.env.BENCH_CASES ? [Number(process.env.BENCH_CASES)] : [scale(100_000), scale(1_000_000)]
const RUNS = QUICK ? 3 : 5
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

/**
 * The floor: ONE hand-written statement computing the same counts as a release (notifications, JARs
 * started, the deaths and reviews trends by financial year, the period's deaths and every
 * cross-tabulation of its reviews), each part a plain filtered aggregate the planner can answer from
 * the statistics indexes, the trends one GROUP BY each.
 */
const ms = (start: number) => performance.now() - start

const agg = (select: string) => `(SELECT coalesce(json_agg(t), '[]'::json) FROM (${select}) t)`
const inPeriod = (column: string) => `${column} BETWEEN $1::date AND $2::date`
export const FLOOR_SQL = `SELECT
  (SELECT count(*) FROM cases WHERE ${inPeriod('notified_at')}) AS notifications,
  (SELECT count(*) FROM cases WHERE ${IN_SCOPE} AND ${inPeriod('jar_date')}) AS jar_started,
  ${agg(`SELECT ${financialYearStartSql('date_of_death')} AS fy, count(*) AS total,
      count(*) FILTER (WHERE sex = 'male') AS male, count(*) FILTER (WHERE sex = 'female') AS female,
      count(*) FILTER (WHERE review_date IS NULL OR review_date > $2::date) AS open
    FROM cases WHERE ${IN_SCOPE} AND date_of_death <= $2::date GROUP BY 1`)} AS death_trend,
  ${agg(`SELECT ${ageBandSql()} AS age_band, ${sexGroupSql()} AS sex_group, expected, count(*) AS n
    FROM cases WHERE ${IN_SCOPE} AND ${inPeriod('date_of_death')} GROUP BY 1, 2, 3`)} AS deaths,
  ${agg(`SELECT ${financialYearStartSql('review_date')} AS fy,
      ${modifiableFactorsOutcomes.codes.map(c => `count(*) FILTER (WHERE modifiable_factors = '${c}') AS ${c}`).join(', ')}
    FROM cases WHERE ${REVIEWED} AND review_date <= $2::date AND modifiable_factors IS NOT NULL GROUP BY 1`)} AS review_trend,
  ${agg(`SELECT category, modifiable_factors, preventability, sex_group, age_band, ethnicity_group, expected, duration,
      count(*) AS n
    FROM (SELECT category, modifiable_factors, preventability, ${sexGroupSql()} AS sex_group, ${ageBandSql()} AS age_band,
      ${ethnicityGroupSql()} AS ethnicity_group, expected, ${reviewDurationSql()} AS duration
      FROM cases WHERE ${REVIEWED} AND ${inPeriod('review_date')}) r
    GROUP BY GROUPING SETS (${Object.values(REVIEW_SETS)
      .map(set => `(${set.join(', ')})`)
      .join(', ')})`)} AS reviews`

const PERIODS = [
  { name: 'one_year', years: '2024-25' },
  { name: 'pooled_3y', years: '2022-23..2024-25' },
] as const

async function generate(db: ReturnType<typeof createDatabase>, cases: number): Promise<void> {
  await db.sequelize.query('TRUNCATE cases CASCADE')
  const start = performance.now()
  // Building each secondary index once afterwards is far quicker than updating it row by row.
  const [indexes] = (await db.sequelize.query(
    `SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = 'cases'
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  )) as [{ indexname: string; indexdef: string }[], unknown]
  for (const index of indexes) await db.sequelize.query(`DROP INDEX "${index.indexname}"`)
  await db.sequelize.query(GENERATE_SQL.replace('$CASES', String(cases)))
  for (const index of indexes) await db.sequelize.query(index.indexdef)
  await db.sequelize.query('VACUUM ANALYZE cases')
  console.log(`Generated ${cases.toLocaleString('en-GB')} cases in ${(ms(start) / 1000).toFixed(1)} s`)
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  await work() // warm-up
  const timings: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now()
    await work()
    timings.push(ms(start))
  }
  return median(timings)
}

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`)

export default async function benchStatistics(): Promise<void> {
  const server = await scratchServer()
  const url = await server.database(DATABASE)
  const db = createDatabase({ url, poolMax: 4 })
  try {
    await migrateUp(db.sequelize, url)
    // A new service for each run: a service keeps a release per version of the data, and what is
    // measured against the floor is making it. The kept release is measured on its own.
    const newService = () => new StatisticsService(db, new AuditService(db), { suppressMax: 5 }, () => NOW)
    const keeping = newService()
    for (const cases of SIZES) {
      await generate(db, cases)
      // The names say the full-size figure (1m) even with --quick, so results.json has one shape.
      const size = label(QUICK ? cases * 10 : cases)
      for (const period of PERIODS) {
        const fy = parseFinancialYear(period.years.split('..')[0])!
        const last = parseFinancialYear(period.years.split('..').at(-1)!)!
        const floor = await timed(() => db.sequelize.query(FLOOR_SQL, { bind: [fy.start, last.end] }))
        const request = { years: period.years, mode: 'published' as const }
        const value = await timed(() => newService().buildRelease(request))
        const kept = await timed(() => keeping.buildRelease(request))
        const isTarget = size === '1m' && period.name === 'one_year'
        record({
          name: `stats_${period.name}_${size}_ms`,
          value,
          unit: 'ms',
          baseline: floor,
          target: isTarget ? '< 1000' : null,
        })
        record({
          name: `stats_${period.name}_${size}_ratio`,
          value: value / floor,
          unit: 'x',
          baseline: 1,
          target: isTarget ? '<= 1.5' : null,
        })
        record({ name: `stats_${period.name}_${size}_kept_ms`, value: kept, unit: 'ms', baseline: floor })
      }
    }
    record({ name: 'stats_peak_rss_mb', value: peakRssMb(), unit: 'MB' })
  } finally {
    await db.close()
    await server.drop(DATABASE)
    await server.stop()
  }
}

if (require.main === module) {
  benchStatistics().catch(error => {
    console.error(error)
    process.exitCode = 1
  })
}
