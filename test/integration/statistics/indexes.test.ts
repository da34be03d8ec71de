import { QueryTypes } from 'sequelize'
import { RELEASE_SQL } from '../../../src/services/statistics/releaseQuery'
import { createTestApp, TestApp } from '../../helpers/testApp'

/**
 * The release's speed over a million cases rests on its partial covering indexes, which PostgreSQL
 * uses only while each query's WHERE clause implies the index's. On a small test table the planner
 * would rightly scan the table, so sequential and bitmap scans are switched off here to ask the
 * question directly: can it use them at all?
 */
/** The indexes the release reads instead of the table. */
const COVERING = ['cases_statistics_deaths', 'cases_statistics_reviews', 'cases_statistics_jar', 'cases_notified_at']

describe('statistics indexes', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp({ asOwner: true })
  })
  afterAll(() => t.close())

  it('can count the whole release from its covering indexes without scanning the table', async () => {
    // Unmanaged, so the dropped index comes back however the test ends.
    const transaction = await t.db.sequelize.transaction()
    const plan = await (async () => {
      await t.db.sequelize.query('SET LOCAL enable_seqscan = off', { transaction })
      await t.db.sequelize.query('SET LOCAL enable_bitmapscan = off', { transaction })
      // With the statistics other tests leave behind (emptied tables keep their old size in the
      // planner's eyes), it may prefer another index that also serves these columns on a tiny table
      // (the status index, the duplicate check's, the date of death's). Every index of cases but these
      // and the constraints' is dropped inside this transaction (and so rolled back): it cannot.
      const others = await t.db.sequelize.query<{ indexname: string }>(
        `SELECT i.indexname FROM pg_indexes i
         WHERE i.schemaname = 'public' AND i.tablename = 'cases' AND i.indexname <> ALL ($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        { bind: [COVERING], type: QueryTypes.SELECT, transaction },
      )
      for (const { indexname } of others) {
        await t.db.sequelize.query(`DROP INDEX "${indexname}"`, { transaction })
      }
      const rows = await t.db.sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${RELEASE_SQL}`, {
        bind: ['2016-04-01', '2017-03-31'],
        type: QueryTypes.SELECT,
        transaction,
      })
      return rows.map(r => r['QUERY PLAN']).join('\n')
    })().finally(() => transaction.rollback())
    for (const index of COVERING) {
      expect(plan).toContain(`Index Only Scan using ${index}`)
    }
    // (Finding the first year of a trend may take the first row of another date index: one row either way.)
    expect(plan).not.toContain('Seq Scan on cases')
  })
})
