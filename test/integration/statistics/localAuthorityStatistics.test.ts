/**
 * Issue 12's statistics: the tables by local authority, the "other" rule, review timeliness, and
 * releases of one authority, checked cell by cell against cases counted by hand.
 */
import { QueryTypes } from 'sequelize'
import type { CellValue, Release } from '../../../src/domain/statistics/release'
import { systemContext } from '../../../src/services/auditContext'
import { buildUser, signInAs } from '../../factories'

import { runCliInTest } from '../../helpers/cli'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, type CaseSpec } from './caseRows'
import { extensionTables } from './contract'

const reviewed = (spec: Partial<CaseSpec>): CaseSpec => ({
  dob: '2010-01-01',
  dod: '2016-05-01',
  sex: 'male',
  expected: 'expected',
  status: 'reviewed',
  category: 1,
  ...spec,
})

/** 2016-17, listed Luton and Bedford Borough; days from death to review given beside each. */
const FIXTURE: CaseSpec[] = [
  // 52 days; notified 2 days after death, so 50 from notification.
  reviewed({
    localAuthority: 'Luton',
    sex: 'female',
    dod: '2016-04-10',
    notifiedAt: '2016-04-12',
    reviewDate: '2016-06-01',
    modifiable: 'identified',
  }),
  // 123 days (121 from notification); the name trimmed and in another case.
  reviewed({
    localAuthority: ' luton ',
    dod: '2016-05-01',
    notifiedAt: '2016-05-03',
    reviewDate: '2016-09-01',
    modifiable: 'not_identified',
  }),
  // A death not yet reviewed.
  {
    dob: '2010-01-01',
    dod: '2016-05-01',
    sex: 'female',
    expected: 'unexpected',
    status: 'notified',
    localAuthority: 'LUTON',
  },
  // 193 days.
  reviewed({
    localAuthority: 'Bedford Borough',
    dod: '2016-07-01',
    reviewDate: '2017-01-10',
    modifiable: 'inadequate_information',
  }),
  // 184 days; an authority not listed.
  reviewed({
    localAuthority: 'Hertfordshire',
    sex: 'indeterminate',
    dod: '2016-08-01',
    reviewDate: '2017-02-01',
    modifiable: 'identified',
  }),
  // 181 days; no authority recorded.
  reviewed({
    localAuthority: null,
    sex: 'female',
    dod: '2016-09-01',
    reviewDate: '2017-03-01',
    modifiable: 'not_identified',
  }),
  // 488 days; died the year before, blank authority.
  reviewed({ localAuthority: '  ', dod: '2015-06-01', reviewDate: '2016-10-01', modifiable: 'identified' }),
]

const table = (release: Release<CellValue>, id: string) => {
  const found = release.tables.find(t => t.id === id)
  if (!found) throw new Error(`No table ${id}`)
  return found.values
}

describe('statistics by local authority, and timeliness', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    await t.db.sequelize.query('DELETE FROM local_authorities')
  })
  afterAll(() => t.close())

  const list = async (...names: string[]) => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const context = { ...systemContext(), actorUserId: admin.id }
    for (const name of names) {
      await t.services.localAuthorityService.change(
        { kind: 'add', name },
        await t.services.localAuthorityService.listVersion(),
        context,
      )
    }
  }
  /** A received report: requested on `from`, received on `to` (midday, London). */
  const request = async (caseRef: string, agency: string, from: string, to: string) => {
    await t.db.sequelize.query(
      `INSERT INTO agency_requests (case_id, agency, contact_name, contact_email, due_date, status, report,
         submitted_at, received_via, created_at, updated_at)
       SELECT id, :agency, 'A Contact', 'a@example.org', :to, 'received', '{}'::jsonb, :toAt, 'paper', :fromAt, :toAt
       FROM cases WHERE case_ref = :caseRef`,
      { replacements: { agency, caseRef, to, toAt: `${to}T12:00:00Z`, fromAt: `${from}T12:00:00Z` } },
    )
  }
  const refs = async () =>
    (
      await t.db.sequelize.query<{ case_ref: string }>('SELECT case_ref FROM cases ORDER BY case_ref', {
        type: QueryTypes.SELECT,
      })
    ).map(r => r.case_ref)
  const exact = (years = '2016-17', localAuthority?: string) =>
    t.services.statisticsService.buildRelease({
      years,
      mode: 'unsuppressed',
      ...(localAuthority ? { localAuthority } : {}),
    })

  it('counts deaths and reviews by listed authority, everyone else as other, exact to the cell', async () => {
    await list('Luton', 'Bedford Borough')
    await insertCases(t.db, FIXTURE)
    const release = await exact()
    const deaths = release.tables.find(x => x.id === 'deaths_by_local_authority_and_sex')!
    expect(deaths.rows.map(r => [r.code, r.label])).toEqual([
      ['luton', 'Luton'],
      ['bedford_borough', 'Bedford Borough'],
      ['other', 'Other or not recorded'],
      ['total', 'Total'],
    ])
    expect(deaths.values).toEqual({
      luton: { female: 2, male: 1, other: 0, total: 3 },
      bedford_borough: { female: 0, male: 1, other: 0, total: 1 },
      other: { female: 1, male: 0, other: 1, total: 2 },
      total: { female: 3, male: 2, other: 1, total: 6 },
    })
    expect(table(release, 'reviews_by_local_authority_and_modifiable')).toEqual({
      luton: { identified: 1, not_identified: 1, inadequate_information: 0, total: 2 },
      bedford_borough: { identified: 0, not_identified: 0, inadequate_information: 1, total: 1 },
      other: { identified: 2, not_identified: 1, inadequate_information: 0, total: 3 },
      total: { identified: 3, not_identified: 2, inadequate_information: 1, total: 6 },
    })
    // The totals are the contract tables' figures.
    expect(table(release, 'deaths_by_age_and_sex').total).toMatchObject({ female: 3, male: 2, other: 1, total: 6 })
    expect(release.tables.map(x => x.id).slice(-3)).toEqual([
      'deaths_by_local_authority_and_sex',
      'reviews_by_local_authority_and_modifiable',
      'review_timeliness',
    ])
  })

  it('with no authority listed has only the other and total rows', async () => {
    await insertCases(t.db, FIXTURE)
    const release = await exact()
    const [deaths, reviews, timeliness] = extensionTables()
    for (const [id, rows, columns] of [deaths, reviews, timeliness]) {
      const found = release.tables.find(x => x.id === id)!
      expect([found.rows.map(r => r.code), found.columns.map(c => c.code)]).toEqual([rows, columns])
    }
    expect(table(release, 'deaths_by_local_authority_and_sex').other).toEqual({
      female: 3,
      male: 2,
      other: 1,
      total: 6,
    })
  })

  it('gives the median days and the cases behind them, hiding medians over fewer than 10 cases when published', async () => {
    await list('Luton', 'Bedford Borough')
    await insertCases(t.db, FIXTURE)
    const [luton, lutonToo, , bedford] = await refs()
    await request(luton, 'gp', '2016-05-01', '2016-05-11') // 10 days
    await request(lutonToo, 'gp', '2016-06-01', '2016-06-21') // 20 days
    await request(bedford, 'police', '2016-08-01', '2016-08-04') // 3 days
    await request(bedford, 'coroner', '2016-03-01', '2016-03-30') // received in 2015-16: not counted
    const timeliness = table(await exact(), 'review_timeliness')
    // 52, 123, 181, 184, 193, 488: the lower middle value is 181.
    expect(timeliness.death_to_review).toEqual({ median_days: 181, cases: 6 })
    expect(timeliness.notification_to_review).toEqual({ median_days: 181, cases: 6 })
    expect(timeliness.request_to_report_gp).toEqual({ median_days: 10, cases: 2 })
    expect(timeliness.request_to_report_police).toEqual({ median_days: 3, cases: 1 })
    expect(timeliness.request_to_report_coroner).toEqual({ median_days: 0, cases: 0 })

    const published = await t.services.statisticsService.buildRelease({ years: '2016-17', mode: 'published' })
    const shown = table(published, 'review_timeliness')
    expect(shown.death_to_review).toEqual({ median_days: '[c]', cases: 6 })
    expect(shown.request_to_report_gp).toEqual({ median_days: '[c]', cases: '[c]' })
    expect(shown.request_to_report_coroner).toEqual({ median_days: '[c]', cases: 0 })

    // Ten reviews more: the median is shown, over 16 cases.
    await insertCases(
      t.db,
      Array.from({ length: 10 }, () =>
        reviewed({ dod: '2016-05-01', reviewDate: '2016-05-11', modifiable: 'identified' }),
      ),
    )
    const more = await t.services.statisticsService.buildRelease({ years: '2016-17', mode: 'published' })
    // Ten of 10 days, then 52 … 488: the 8th of 16 is 10.
    expect(table(more, 'review_timeliness').death_to_review).toEqual({ median_days: 10, cases: 16 })
  })

  it('builds a release of one authority from its residents only, refusing an authority not listed', async () => {
    await list('Luton', 'Bedford Borough')
    await insertCases(t.db, FIXTURE)
    const luton = await exact('2016-17', ' luton')
    expect(luton.localAuthority).toBe('Luton')
    expect(luton.tables.map(x => x.id)).not.toContain('deaths_by_local_authority_and_sex')
    expect(table(luton, 'summary')).toMatchObject({ deaths: { count: 3 }, reviews_completed: { count: 2 } })
    expect(table(luton, 'deaths_by_age_and_sex').total).toEqual({ male: 1, female: 2, other: 0, total: 3 })
    expect(table(luton, 'review_timeliness').death_to_review).toEqual({ median_days: 52, cases: 2 })
    await expect(exact('2016-17', 'Hertfordshire')).rejects.toThrow(
      '“Hertfordshire” is not a local authority the panel covers. Choose one of: Luton, Bedford Borough',
    )
  })

  it('exports and publishes a release of one authority from the command line, exit 2 for one not listed', async () => {
    await list('Luton', 'Bedford Borough')
    await insertCases(t.db, FIXTURE)
    const unknown = await runCliInTest(t, ['stats:publish', '--year', '2016-17', '--local-authority', 'Narnia'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain(
      '“Narnia” is not a local authority the panel covers. Choose one of: Luton, Bedford Borough',
    )
    const blank = await runCliInTest(t, [
      'stats',
      '--year',
      '2016-17',
      '--format',
      'csv',
      '--out',
      '/tmp/x.csv',
      '--local-authority',
      ' ',
    ])
    expect(blank.code).toBe(2)
    const exported = await runCliInTest(t, [
      'stats',
      '--year',
      '2016-17',
      '--format',
      'json',
      '--out',
      `/tmp/cdop-i12-${process.pid}.json`,
      '--local-authority',
      'Narnia',
    ])
    expect(exported.code).toBe(2)
    expect(exported.err).toContain('Choose one of: Luton, Bedford Borough')

    const published = await runCliInTest(t, ['stats:publish', '--year', '2016-17', '--local-authority', 'luton'])
    expect(published).toMatchObject({ code: 0, out: 'Published 2016-17 for Luton version 1\n' })
    const [row] = await t.db.sequelize.query<{ local_authority: string; release: Release<CellValue> }>(
      'SELECT local_authority, release FROM statistics_releases',
      { type: QueryTypes.SELECT },
    )
    expect(row.local_authority).toBe('Luton')
    expect(row.release.localAuthority).toBe('Luton')
    // The panel's own release of the year is a different release, still to publish.
    expect(await t.services.publicationService.current('2016-17')).toBeNull()
    expect((await t.services.publicationService.current('2016-17', 'Luton'))?.version).toBe(1)
  })

  it('offers the authorities on the statistics and publish pages and shows an authority’s report', async () => {
    await list('Luton', 'Bedford Borough')
    await insertCases(t.db, FIXTURE)
    const agent = await signInAs(t, await buildUser(t.services))
    const choose = $((await agent.get('/statistics')).text)
    expect(
      choose('#local_authority option')
        .toArray()
        .map(o => choose(o).text()),
    ).toEqual(['The whole panel', 'Luton', 'Bedford Borough'])
    const publish = $((await agent.get('/statistics/publish')).text)
    expect(publish('#local_authority option').length).toBe(3)
    const report = await agent.get('/statistics/report?year=2016-17&local_authority=Luton&mode=unsuppressed')
    expect(report.status).toBe(200)
    expect(report.text).toContain('Luton')
    expect((await agent.get('/statistics/report?year=2016-17&local_authority=Narnia')).status).toBe(400)
    expect((await agent.get(`/statistics/report?year=2016-17&local_authority=${'x'.repeat(101)}`)).status).toBe(400)
    const preview = await agent.get('/statistics/publish?period=2016-17&local_authority=Luton')
    expect(preview.status).toBe(200)
    expect($(preview.text)('input[name=local_authority]').val()).toBe('Luton')
  })
})
