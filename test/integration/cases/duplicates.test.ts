import { QueryTypes } from 'sequelize'
import { buildCase, buildUser, signInAs } from '../../factories'
import { notificationFields } from '../../helpers/caseForms'
import { Agent, submitForm } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('possible duplicates, found the way people make mistakes', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const coordinator = await buildUser(t.services)
    agent = await signInAs(t, coordinator)
  })
  afterAll(() => t.close())

  const warningFor = async (fields: Record<string, string>) => {
    expect((await submitForm(agent, '/cases/notify', notificationFields(fields))).status).toBe(302)
    const page = $((await agent.get('/cases/notify/check').expect(200)).text)
    return page('#possible-duplicates li')
      .toArray()
      .map(li => page(li).text().replace(/\s+/g, ' ').trim())
  }

  it('warns when the same child comes again with no NHS number and day and month swapped', async () => {
    const first = await buildCase(t.services, {
      givenNames: 'Tess',
      familyName: 'McTestface',
      nhsNumber: '9434765919',
      nhsNumberMissingReason: null,
      dateOfBirth: '2024-03-05',
      dateOfDeath: '2025-11-03',
      notifiedAt: '2025-11-04',
      sex: 'female',
    })
    const items = await warningFor({
      given_names: 'Tess',
      family_name: 'McTestface',
      nhs_number: '',
      nhs_number_missing_reason: 'not_yet_available',
      'date_of_birth-day': '3',
      'date_of_birth-month': '5',
      'date_of_birth-year': '2024',
    })
    expect(items).toHaveLength(1)
    expect(items[0]).toContain(first.caseRef)
    expect(items[0]).toContain('Matched: same name, date of birth with day and month swapped, date of death.')
  })

  it('lists each candidate with what matched: NHS number, or swapped names and near dates', async () => {
    const byNhs = await buildCase(t.services, {
      givenNames: 'Someone',
      familyName: 'Else',
      nhsNumber: '9434765919',
      nhsNumberMissingReason: null,
      dateOfBirth: '2020-01-01',
      dateOfDeath: '2021-01-01',
      notifiedAt: '2021-01-02',
    })
    const byName = await buildCase(t.services, {
      givenNames: 'Exampel',
      familyName: 'Alex',
      dateOfBirth: '2024-02-15',
      dateOfDeath: '2025-10-31',
      notifiedAt: '2025-11-01',
      sex: 'female',
    })
    // Not a match: similar name and date of birth, but died weeks apart.
    await buildCase(t.services, {
      givenNames: 'Alex',
      familyName: 'Example',
      dateOfBirth: '2024-02-14',
      dateOfDeath: '2025-09-01',
      notifiedAt: '2025-09-02',
      sex: 'female',
    })
    const items = await warningFor({})
    expect(items).toHaveLength(2)
    const of = (ref: string) => items.find(i => i.includes(ref))!
    expect(of(byNhs.caseRef)).toContain('Matched: NHS number.')
    expect(of(byName.caseRef)).toContain(
      'Matched: family name and given names swapped, date of birth one digit different, date of death within a few days.',
    )
  })

  it('finds no duplicate for a different child, and never a merged case', async () => {
    await buildCase(t.services, { givenNames: 'Oliver', familyName: 'Brown', dateOfBirth: '2024-02-14' })
    expect(await warningFor({ nhs_number: '', nhs_number_missing_reason: 'not_yet_available' })).toEqual([])
  })

  it('finds names approximately in the case list search, through the trigram index', async () => {
    const record = await buildCase(t.services, { givenNames: 'Tess', familyName: 'McTestface' })
    await buildCase(t.services, { givenNames: 'Oliver', familyName: 'Brown' })
    const search = async (term: string) => {
      await submitForm(agent, '/cases', { q: term }, '/cases/search')
      const page = $((await agent.get('/cases').expect(200)).text)
      return page('main table tbody tr')
        .toArray()
        .map(tr => page(tr).text())
    }
    const found = await search('McTestfase')
    expect(found).toHaveLength(1)
    expect(found[0]).toContain(record.caseRef)
    expect(await search('mctestface')).toHaveLength(1)
    expect(await search('Nobody-like-this')).toHaveLength(0)
    expect(await search('%_\\')).toHaveLength(0)

    // The approximate test can use the trigram index (with sequential scans off, as on a large table).
    const plan = await t.db.transaction(async transaction => {
      await t.db.sequelize.query('SET LOCAL enable_seqscan = off', { transaction })
      const rows = await t.db.sequelize.query(
        `EXPLAIN SELECT id FROM cases WHERE 'mctestfase' <% lower(coalesce(given_names, '') || ' ' || coalesce(family_name, ''))`,
        { transaction, type: QueryTypes.SELECT },
      )
      return JSON.stringify(rows)
    })
    expect(plan).toContain('cases_name_trgm')
  })
})
