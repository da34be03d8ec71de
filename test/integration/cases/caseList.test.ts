import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $, textsOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('the case list', () => {
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

  const refsOn = (html: string) => textsOf(html, 'tbody a')

  it('searches by name, case reference and NHS number without putting them in the address', async () => {
    const robin = await buildCase(t.services, { givenNames: 'Robin', familyName: 'Hartley' })
    const other = await buildCase(t.services, {
      givenNames: 'Sam',
      familyName: 'Other',
      nhsNumber: '9434765919',
      nhsNumberMissingReason: null,
    })
    const byName = await submitForm(agent, '/cases', { q: 'hartl' }, '/cases/search')
    expect(byName.status).toBe(302)
    expect(byName.headers.location).toBe('/cases')
    expect(byName.headers.location).not.toMatch(/hartl/i)
    expect(refsOn((await agent.get('/cases')).text)).toEqual([robin.caseRef])

    await submitForm(agent, '/cases', { q: '943 476 5919' }, '/cases/search')
    expect(refsOn((await agent.get('/cases')).text)).toEqual([other.caseRef])
    await submitForm(agent, '/cases', { q: robin.caseRef.toLowerCase() }, '/cases/search')
    expect(refsOn((await agent.get('/cases')).text)).toEqual([robin.caseRef])
    await submitForm(agent, '/cases', { q: '%_' }, '/cases/search')
    expect(refsOn((await agent.get('/cases')).text)).toEqual([])
    await submitForm(agent, '/cases', { q: 'Robin', clear: 'yes' }, '/cases/search')
    expect(refsOn((await agent.get('/cases')).text)).toHaveLength(2)
  })

  it('filters by status, financial year of death, expected and category, and records the view', async () => {
    const march = await buildCase(t.services, {
      dateOfDeath: '2025-03-31',
      notifiedAt: '2025-04-01',
      expected: 'unexpected',
    })
    const april = await buildCase(t.services, { dateOfDeath: '2025-04-01', notifiedAt: '2025-04-02' })
    await t.db.models.Case.update(
      { status: 'reviewed', reviewDate: '2025-09-01', category: 8, modifiableFactors: 'identified' },
      { where: { id: april.id } },
    )
    expect(refsOn((await agent.get('/cases?year=2024-25')).text)).toEqual([march.caseRef])
    expect(refsOn((await agent.get('/cases?year=2025-26')).text)).toEqual([april.caseRef])
    expect(refsOn((await agent.get('/cases?expected=unexpected')).text)).toEqual([march.caseRef])
    expect(refsOn((await agent.get('/cases?status=reviewed&category=8')).text)).toEqual([april.caseRef])
    // Unknown filter values are ignored, not errors.
    expect(
      refsOn((await agent.get('/cases?status=nonsense&year=2025-27&category=11&sort=evil&page=-1')).text),
    ).toHaveLength(2)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'case_list_viewed' } })).toBeGreaterThan(0)
  })

  it('sorts and pages 25 at a time', async () => {
    for (let i = 0; i < 30; i += 1) {
      await buildCase(t.services, {
        dateOfDeath: `2025-05-${String(i + 1).padStart(2, '0')}`,
        notifiedAt: '2025-06-02',
      })
    }
    const first = await agent.get('/cases?sort=death&direction=asc')
    const rows = $(first.text)('tbody tr')
    expect(rows).toHaveLength(25)
    expect($(first.text)('tbody tr').first().text()).toContain('1 May 2025')
    expect(first.text).toContain('Page 1 of 2')
    const second = await agent.get('/cases?sort=death&direction=asc&page=2')
    expect($(second.text)('tbody tr')).toHaveLength(5)
    expect($(second.text)('tbody tr').last().text()).toContain('30 May 2025')
  })
})
