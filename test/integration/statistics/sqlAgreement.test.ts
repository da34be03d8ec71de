/**
 * The SQL that counts the statistics and the pure domain functions must agree, on the edge dates
 * above all: 31 March / 1 April, the day before an 18th birthday, 29 February births, reviews
 * exactly 6 and 12 months after the death (31 August + 6 months), and on the populations:
 * transferred out and out of scope, reviewed and reopened, legacy-preventability-only reviews.
 */
import fc from 'fast-check'
import { QueryTypes } from 'sequelize'
import { ageBand } from '../../../src/domain/ageBand'
import { ethnicities, ethnicityGroupOf, type Ethnicity, type Sex } from '../../../src/domain/codes'
import { addDays, addMonthsClamped, eighteenthBirthday } from '../../../src/domain/dates'
import { financialYearOf } from '../../../src/domain/financialYear'
import { reviewDuration } from '../../../src/domain/reviewDuration'
import { sexGroup } from '../../../src/domain/sexGroup'
import { EXTENSION_TABLE_IDS, TABLE_IDS } from '../../../src/domain/statistics/tables'
import {
  ageBandSql,
  ethnicityGroupSql,
  financialYearStartSql,
  reviewDurationSql,
  sexGroupSql,
} from '../../../src/services/statistics/sqlExpressions'
import { financialYearLabel } from '../../../src/domain/financialYear'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, type CaseSpec } from './caseRows'
import { referenceTables } from './referenceRelease'

const base = { sex: 'female', expected: 'expected', status: 'notified' } as const

const death = (dob: string, dod: string, extra: Partial<CaseSpec> = {}): CaseSpec => ({ ...base, dob, dod, ...extra })

const review = (dob: string, dod: string, reviewDate: string, extra: Partial<CaseSpec> = {}): CaseSpec =>
  death(dob, dod, { status: 'reviewed', reviewDate, category: 5, modifiable: 'not_identified', ...extra })

/** Every edge the contract and the data dictionary name, spread over 2015-16 to 2017-18. */
const EDGE_CASES: CaseSpec[] = [
  // Financial year boundaries: death, notification, review and joint agency response dates.
  death('2010-01-01', '2016-03-31', { sex: 'male' }),
  death('2010-01-01', '2016-04-01', { sex: 'male', jarDate: '2016-04-01' }),
  death('2010-01-01', '2017-03-31', { expected: 'unexpected', jarDate: '2017-03-31' }),
  death('2010-01-01', '2017-04-01', { expected: 'unexpected', notifiedAt: '2017-04-01', jarDate: '2017-04-02' }),
  death('2010-01-01', '2017-03-30', { notifiedAt: '2017-04-01' }),
  review('2012-05-05', '2016-03-31', '2017-03-31', { modifiable: 'identified', category: 1 }),
  review('2012-05-05', '2016-04-01', '2017-04-01', { modifiable: 'identified', category: 10 }),
  // Age bands: 27 and 28 days, first birthday, the day before the 5th, 10th, 15th and 18th birthdays.
  death('2016-04-01', '2016-04-28', { sex: 'indeterminate' }),
  death('2016-04-01', '2016-04-29', { sex: 'not_known' }),
  death('2015-06-15', '2016-06-14'),
  death('2015-06-15', '2016-06-15'),
  death('2011-07-01', '2016-06-30'),
  death('2011-07-01', '2016-07-01'),
  death('2006-07-01', '2016-06-30'),
  death('2006-07-01', '2016-07-01'),
  death('2001-07-01', '2016-06-30'),
  death('2001-07-01', '2016-07-01'),
  death('1999-03-01', '2017-02-28'),
  death('1998-06-15', '2016-06-14', { sex: 'male' }),
  // 29 February births: the birthday falls on 28 February in other years.
  death('2016-02-29', '2017-02-27'),
  death('2016-02-29', '2017-02-28'),
  death('2012-02-29', '2017-02-27'),
  death('2012-02-29', '2017-02-28'),
  death('2000-02-29', '2018-02-27', { sex: 'male' }),
  death('1999-02-28', '2017-02-27', { sex: 'male' }),
  // Review duration: exactly 6 and 12 months, 31 August + 6 months in a common and in a leap year.
  review('2010-01-01', '2016-08-31', '2017-02-27'),
  review('2010-01-01', '2016-08-31', '2017-02-28'),
  review('2010-01-01', '2015-08-31', '2016-02-28', { sex: 'male' }),
  review('2010-01-01', '2015-08-31', '2016-02-29', { sex: 'male' }),
  review('2010-01-01', '2016-05-10', '2016-11-09'),
  review('2010-01-01', '2016-05-10', '2016-11-10'),
  review('2010-01-01', '2016-05-10', '2017-05-09', { modifiable: 'inadequate_information' }),
  review('2010-01-01', '2016-05-10', '2017-05-10', { modifiable: 'inadequate_information' }),
  review('2010-01-01', '2016-05-10', '2016-05-10', { category: 8 }),
  // Transferred out and out of scope: notifications only, whatever else they carry.
  death('2010-01-01', '2016-09-01', { status: 'transferred_out', jarDate: '2016-09-02' }),
  death('2016-09-01', '2016-09-01', { status: 'out_of_scope', jarDate: '2016-09-01' }),
  death('2010-01-01', '2016-09-01', {
    status: 'transferred_out',
    reviewDate: '2016-12-01',
    category: 4,
    modifiable: 'identified',
  }),
  // Reopened: not a review until re-reviewed; still has its old review date.
  death('2010-01-01', '2016-09-01', {
    status: 'information_gathering',
    reviewDate: '2016-12-01',
    category: 4,
    modifiable: 'identified',
  }),
  // Legacy preventability only, both outcomes, and neither.
  review('2005-01-01', '2007-01-01', '2016-10-10', { modifiable: null, preventability: 'preventable', category: 2 }),
  review('2005-01-01', '2007-01-01', '2016-10-11', { modifiable: 'identified', preventability: 'not_preventable' }),
  review('2005-01-01', '2007-01-01', '2016-10-12', { modifiable: null, preventability: null, category: 3 }),
  // Open at the end of 2016-17: no review, or reviewed only after 31 March 2017.
  death('2010-01-01', '2016-10-01', { status: 'on_hold' }),
  review('2010-01-01', '2016-10-01', '2017-04-01'),
  review('2010-01-01', '2014-10-01', '2016-10-01', { modifiable: 'identified', category: 7 }),
  // Every ethnic category, in reviews with modifiable factors.
  ...ethnicities.codes.map((ethnicity, i) =>
    review('2010-01-01', '2016-06-01', addDays('2016-07-01', i), {
      ethnicity,
      category: (i % 10) + 1,
      modifiable: i % 2 ? 'identified' : 'not_identified',
      sex: (['male', 'female', 'indeterminate', 'not_known'] as const)[i % 4],
      expected: i % 3 ? 'expected' : 'unexpected',
    }),
  ),
]

/** The contract's tables of a release: the reference implementation knows only those (issue 12's are tested on their own). */
const contractOnly = <T extends { id: string }>(tables: T[]) =>
  tables.filter(table => (TABLE_IDS as readonly string[]).includes(table.id))

const PERIODS = [
  { years: '2015-16', list: ['2015-16'], start: '2015-04-01', end: '2016-03-31' },
  { years: '2016-17', list: ['2016-17'], start: '2016-04-01', end: '2017-03-31' },
  { years: '2017-18', list: ['2017-18'], start: '2017-04-01', end: '2018-03-31' },
  { years: '2015-16..2017-18', list: ['2015-16', '2016-17', '2017-18'], start: '2015-04-01', end: '2018-03-31' },
]

describe('statistics SQL and the domain functions', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const sqlRelease = (years: string) => t.services.statisticsService.buildRelease({ years, mode: 'unsuppressed' })

  it('derive the same age band, financial year, sex group, ethnic group and review duration for every edge case', async () => {
    await insertCases(t.db, EDGE_CASES)
    const rows = await t.db.sequelize.query<Record<string, string | number | null>>(
      `SELECT date_of_birth, date_of_death, review_date, sex, ethnicity,
         ${ageBandSql()} AS age_band, ${financialYearStartSql('date_of_death')} AS fy,
         ${sexGroupSql()} AS sex_group, ${ethnicityGroupSql()} AS ethnicity_group,
         CASE WHEN review_date IS NOT NULL THEN ${reviewDurationSql()} END AS duration
       FROM cases ORDER BY case_ref`,
      { type: QueryTypes.SELECT },
    )
    expect(rows).toHaveLength(EDGE_CASES.length)
    const fromSql = rows.map(r => ({
      age: r.age_band,
      fy: financialYearLabel(Number(r.fy)),
      sex: r.sex_group,
      ethnicity: r.ethnicity_group,
      duration: r.duration,
    }))
    const fromDomain = rows.map(r => ({
      age: ageBand(String(r.date_of_birth), String(r.date_of_death)),
      fy: financialYearOf(String(r.date_of_death)),
      sex: sexGroup(r.sex as Sex),
      ethnicity: ethnicityGroupOf[r.ethnicity as Ethnicity],
      duration: r.review_date ? reviewDuration(String(r.date_of_death), String(r.review_date)) : null,
    }))
    expect(fromSql).toEqual(fromDomain)
    // The edges really are edges: each side of each boundary is represented.
    expect(new Set(fromSql.map(r => r.age))).toEqual(new Set(['0_27d', '28_364d', '1_4y', '5_9y', '10_14y', '15_17y']))
    expect(new Set(fromSql.map(r => r.duration))).toEqual(
      new Set([null, 'under_6_months', '6_to_12_months', 'over_12_months']),
    )
  })

  it.each(PERIODS)('give the same tables as the reference implementation for $years', async period => {
    await insertCases(t.db, EDGE_CASES)
    const release = await sqlRelease(period.years)
    expect(release.financialYear).toBe(period.years)
    expect(contractOnly(release.tables)).toEqual(referenceTables(EDGE_CASES, { ...period, years: period.list }))
  })

  it('count the edge cases as the contract says in 2016-17', async () => {
    await insertCases(t.db, EDGE_CASES)
    const release = await sqlRelease('2016-17')
    const table = (id: string) => release.tables.find(x => x.id === id)!.values
    // Hand-checked figures, so the reference implementation is not only checked against itself.
    // Unexpected: 31 March 2017 and 6 of the ethnicity reviews (1 April 2017 is the next year).
    // Joint agency responses: 1 April 2016 and 31 March 2017, not the transferred or out-of-scope cases.
    expect(table('summary')).toMatchObject({ unexpected_deaths: { count: 7 }, jar_started: { count: 2 } })
    expect(table('review_duration')).toEqual({
      under_6_months: { count: 3 + 18 },
      '6_to_12_months': { count: 2 },
      over_12_months: { count: 5 },
      total: { count: 28 },
    })
    expect(table('category_by_preventability').total).toMatchObject({ preventable: 1, not_preventable: 1, total: 2 })
    // The legacy-only and the neither review are left out of the *_by_modifiable tables only.
    expect(table('category_by_sex').total.total).toBe(table('summary').reviews_completed.count)
    expect(table('category_by_modifiable').total.total).toBe(Number(table('summary').reviews_completed.count) - 2)
    // 15-17: on the 15th birthday and the day before the 18th (one a 28 February birth turning 18 on 28 February).
    expect(table('deaths_by_age_and_sex')['15_17y']).toMatchObject({ female: 2, male: 2 })
  })

  it('gives every table, every row and column, all zero, for a year with no data', async () => {
    const release = await sqlRelease('2016-17')
    expect(release.tables.map(x => x.id)).toEqual([...TABLE_IDS, ...EXTENSION_TABLE_IDS])
    release.tables.forEach(table => {
      table.rows.forEach(row => table.columns.forEach(column => expect(table.values[row.code][column.code]).toBe(0)))
    })
    // No death or review ever: the trend tables have only their total row.
    expect(release.tables.find(x => x.id === 'trend_deaths_by_sex')!.rows.map(r => r.code)).toEqual(['total'])
    expect(
      contractOnly((await t.services.statisticsService.buildRelease({ years: '2016-17', mode: 'published' })).tables),
    ).toEqual(contractOnly(release.tables))
  })

  it('runs the trend tables from the earliest year with data up to Y, empty years included', async () => {
    await insertCases(t.db, [
      death('2005-01-01', '2012-05-01'),
      review('2005-01-01', '2013-05-01', '2014-01-01', { modifiable: 'identified' }),
      review('2005-01-01', '2013-05-01', '2013-07-01', { modifiable: null, preventability: 'preventable' }),
      death('2005-01-01', '2019-05-01'),
    ])
    const release = await sqlRelease('2016-17')
    const rows = (id: string) => release.tables.find(x => x.id === id)!.rows.map(r => r.code)
    expect(rows('trend_deaths_by_sex')).toEqual(['2012-13', '2013-14', '2014-15', '2015-16', '2016-17', 'total'])
    expect(rows('trend_reviews_by_modifiable')).toEqual(['2013-14', '2014-15', '2015-16', '2016-17', 'total'])
    const pooled = await sqlRelease('2014-15..2016-17')
    expect(pooled.tables.find(x => x.id === 'trend_deaths_by_sex')!.rows.map(r => r.code)).toEqual(
      rows('trend_deaths_by_sex'),
    )
  })

  it('agree with the reference implementation on random cases', async () => {
    const date = (from: string, days: number) => fc.integer({ min: 0, max: days }).map(n => addDays(from, n))
    const caseArb = fc
      .record({
        dob: date('1997-01-01', 365 * 21),
        ageDays: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 18 * 366 })),
        sex: fc.constantFrom('male', 'female', 'indeterminate', 'not_known'),
        ethnicity: fc.constantFrom(...ethnicities.codes),
        expected: fc.constantFrom('expected', 'unexpected'),
        notifiedAfter: fc.integer({ min: 0, max: 40 }),
        status: fc.constantFrom(
          'notified',
          'reviewed',
          'reviewed',
          'on_hold',
          'transferred_out',
          'out_of_scope',
          'information_gathering',
        ),
        reviewAfter: fc.option(fc.oneof(fc.integer({ min: 170, max: 200 }), fc.integer({ min: 0, max: 800 }))),
        category: fc.integer({ min: 1, max: 10 }),
        modifiable: fc.option(fc.constantFrom('identified', 'not_identified', 'inadequate_information')),
        preventability: fc.option(
          fc.constantFrom('preventable', 'potentially_preventable', 'not_preventable', 'inadequate_information'),
        ),
        jarAfter: fc.option(fc.integer({ min: 0, max: 30 })),
      })
      .map(r => {
        const dod = addDays(r.dob, r.ageDays)
        const lastDay = addDays(eighteenthBirthday(r.dob), -1)
        const death_ = dod > lastDay ? lastDay : dod
        const reviewDate =
          r.status === 'reviewed'
            ? addDays(death_, r.reviewAfter ?? 100)
            : r.reviewAfter && addDays(death_, r.reviewAfter)
        return {
          dob: r.dob,
          dod: death_,
          sex: r.sex,
          ethnicity: r.ethnicity,
          expected: r.expected,
          notifiedAt: addDays(death_, r.notifiedAfter),
          status: r.status,
          reviewDate: reviewDate || null,
          category: reviewDate ? r.category : null,
          modifiable: reviewDate ? r.modifiable : null,
          preventability: reviewDate ? r.preventability : null,
          jarDate: r.jarAfter === null ? null : addDays(death_, r.jarAfter),
        } as CaseSpec
      })
      .filter(c => c.dod >= '2013-01-01')
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 0, maxLength: 60 }), async cases => {
        await t.db.sequelize.query('DELETE FROM cases')
        await insertCases(t.db, cases)
        for (const period of [PERIODS[1], PERIODS[3]]) {
          const release = await sqlRelease(period.years)
          expect(contractOnly(release.tables)).toEqual(referenceTables(cases, { ...period, years: period.list }))
          // The figures shared between tables agree, or published mode would refuse the release.
          const published = await t.services.statisticsService.buildRelease({ years: period.years, mode: 'published' })
          expect(published.tables.map(x => x.id)).toEqual(release.tables.map(x => x.id))
        }
      }),
      { numRuns: 25 },
    )
  })

  it('keeps the month-end rule for every death date of a leap and a common year', async () => {
    // One death per day of 2015 and 2016, each reviewed exactly 6 months later by the domain's rule.
    const days = Array.from({ length: 731 }, (_, i) => addDays('2015-01-01', i))
    const cases = days.map(dod => review('2010-01-01', dod, addMonthsClamped(dod, 6)))
    await insertCases(t.db, cases)
    const [row] = await t.db.sequelize.query<{ n: number }>(
      `SELECT count(*) FILTER (WHERE ${reviewDurationSql()} <> '6_to_12_months') AS n FROM cases`,
      { type: QueryTypes.SELECT },
    )
    expect(Number(row.n)).toBe(0)
  })
})
