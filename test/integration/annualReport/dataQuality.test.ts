import type { Case } from '../../../src/db/models'
import type { AgencyRequestStatus } from '../../../src/db/models/AgencyRequest'
import { buildUser, signInAs } from '../../factories'
import { Agent } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { caseWith } from './fixtures'

const URL = '/statistics/data-quality?year=2016-17'

describe('the data quality of the year’s cases', () => {
  let t: TestApp
  let coordinator: Agent
  let d1: Case
  let d2: Case
  let d3: Case
  let earlier: Case

  const request = (record: Case, status: AgencyRequestStatus) =>
    t.db.models.AgencyRequest.create({
      caseId: record.id,
      agency: 'gp',
      agencyOther: null,
      contactName: 'Dr Who',
      contactEmail: 'gp@example.org',
      dueDate: '2016-07-01',
      status,
      tokenHash: null,
      tokenExpiresAt: null,
      requestedBy: null,
      ...(status === 'received'
        ? { report: { summary: 'Seen twice' }, submittedAt: new Date(), receivedVia: 'paper' as const }
        : {}),
    })

  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    coordinator = await signInAs(t, user)
    // Deaths in 2016-17. d1: ethnicity not known, no local authority, no post-mortem status.
    d1 = await caseWith(t, { ethnicity: 'not_known' })
    // d2: complete, reviewed in the year, but a report still awaited from an agency.
    d2 = await caseWith(
      t,
      { ethnicity: 'A', localAuthority: 'Luton' },
      {
        postMortem: 'received',
        status: 'reviewed',
        reviewDate: '2016-12-01',
        category: 5,
        modifiableFactors: 'identified',
      },
    )
    await request(d2, 'requested')
    // d3: "Not stated" is an answer; local authority "Unknown" is not known; reviewed without modifiable factors.
    d3 = await caseWith(
      t,
      { ethnicity: 'Z', localAuthority: 'Unknown', dateOfDeath: '2017-03-31', notifiedAt: '2017-03-31' },
      { postMortem: 'awaited', status: 'reviewed', reviewDate: '2017-03-31', category: 1, modifiableFactors: null },
    )
    await request(d3, 'received')
    await request(d3, 'cancelled')
    await request(d3, 'not_involved')
    // A death of the year before, reviewed in this one without a category, and inadequate information.
    earlier = await caseWith(
      t,
      { dateOfDeath: '2016-03-31', notifiedAt: '2016-04-01', localAuthority: 'Luton' },
      { status: 'reviewed', reviewDate: '2016-04-01', category: null, modifiableFactors: 'inadequate_information' },
    )
    // Not counted: out of scope, and a death of the next year.
    await caseWith(t, {}, { status: 'out_of_scope' })
    await caseWith(t, { dateOfDeath: '2017-04-01', notifiedAt: '2017-04-02' })
  })
  afterAll(() => t.close())

  it('counts each key item missing and not known, exactly, with the cases', async () => {
    const report = await t.services.dataQualityService.forYear('2016-17')
    expect(report).toMatchObject({ financialYear: '2016-17', deaths: 3, reviews: 3 })
    const sorted = (ids: string[]) => [...ids].sort()
    const summary = Object.fromEntries(
      report.items.map(i => [
        i.item,
        {
          population: i.population,
          missing: sorted(i.missing.caseIds),
          notKnown: i.notKnown && sorted(i.notKnown.caseIds),
          counts: [i.missing.count, i.notKnown?.count ?? null],
        },
      ]),
    )
    expect(summary).toEqual({
      ethnicity: { population: 'deaths', missing: [], notKnown: [d1.id], counts: [0, 1] },
      local_authority: { population: 'deaths', missing: [d1.id], notKnown: [d3.id], counts: [1, 1] },
      post_mortem: { population: 'deaths', missing: [d1.id], notKnown: null, counts: [1, null] },
      category: { population: 'reviews', missing: [earlier.id], notKnown: null, counts: [1, null] },
      modifiable_factors: { population: 'reviews', missing: [d3.id], notKnown: [earlier.id], counts: [1, 1] },
      agency_reports: { population: 'reviews', missing: [d2.id], notKnown: null, counts: [1, null] },
    })
    expect(report.caseRefs).toEqual({
      [d1.id]: d1.caseRef,
      [d2.id]: d2.caseRef,
      [d3.id]: d3.caseRef,
      [earlier.id]: earlier.caseRef,
    })
    const empty = await t.services.dataQualityService.forYear('2010-11')
    expect(empty.deaths).toBe(0)
    expect(empty.items.every(i => i.missing.count === 0 && (i.notKnown?.count ?? 0) === 0)).toBe(true)
    await expect(t.services.dataQualityService.forYear('2016-18')).rejects.toThrow('financial year')
  })

  it('lists them for the coordinator with links to each case by id, audited as a list view', async () => {
    const page = await coordinator.get(URL).expect(200)
    const html = $(page.text)
    expect(html('#populations').text()).toContain('3 deaths and 3 reviews')
    const row = (item: string) => html(`tr[data-item="${item}"]`)
    expect(row('local_authority').find('[data-count="missing"]').text()).toBe('1')
    expect(row('local_authority').find('[data-count="not-known"]').text()).toBe('1')
    expect(row('post_mortem').find('[data-count="not-known"]').text()).toBe('Not applicable')
    const links = row('local_authority')
      .find('a')
      .toArray()
      .map(a => [html(a).attr('href'), html(a).text()])
    expect(links).toEqual([
      [`/cases/${d1.id}`, d1.caseRef],
      [`/cases/${d3.id}`, d3.caseRef],
    ])
    // No names anywhere on the page, nor in its links.
    expect(html('main').text()).not.toContain(d1.familyName!)
    const [viewed] = await t.db.models.AuditEvent.findAll({ where: { action: 'data_quality_viewed' } })
    expect(viewed).toMatchObject({ entityId: '2016-17' })
    expect([...(viewed.details.caseIds as string[])].sort()).toEqual([d1.id, d2.id, d3.id, earlier.id].sort())
  })

  it('refuses a malformed year, and public health and panel members; administrators may see it', async () => {
    const bad = await coordinator.get('/statistics/data-quality?year=2016-17x')
    expect(bad.status).toBe(400)
    expect(errorSummary(bad.text)).toEqual([['#year', 'Enter a financial year such as 2016-17']])
    const arrayYear = await coordinator.get('/statistics/data-quality?year=2016-17&year=2015-16')
    expect(arrayYear.status).toBe(200)
    for (const role of ['public_health', 'panel_member'] as const) {
      const user = await buildUser(t.services, { roles: [role] })
      const agent = await signInAs(t, user)
      await agent.get(URL).expect(403)
    }
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = await signInAs(t, admin)
    await agent.get(URL).expect(200)
  })
})
