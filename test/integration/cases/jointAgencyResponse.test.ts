import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const jar = (overrides: Record<string, string | string[]> = {}) => ({
  jar_required: 'yes',
  jar_triggers: ['sudden_no_apparent_cause', 'external_cause'],
  'jar_date-day': '2',
  'jar_date-month': '6',
  'jar_date-year': '2025',
  jar_home_visit: 'yes',
  jar_attendees: ['police', 'hospital_paediatrics', 'childrens_social_care'],
  post_mortem: 'awaited',
  coroner_involved: 'yes',
  police_investigation: 'no',
  jar_summary: 'Discussion held the morning after the death.',
  version: '0',
  ...overrides,
})

describe('the joint agency response', () => {
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

  it('records the response with its triggers, attendees, post-mortem and coroner status, shown on the case and timeline', async () => {
    const record = await buildCase(t.services, { expected: 'unexpected' })
    const response = await submitForm(agent, `/cases/${record.id}/edit/jar`, jar())
    expect(response.status).toBe(302)
    await record.reload()
    expect(record).toMatchObject({
      jarRequired: true,
      jarTriggers: ['sudden_no_apparent_cause', 'external_cause'],
      jarDate: '2025-06-02',
      jarHomeVisit: true,
      jarAttendees: ['police', 'hospital_paediatrics', 'childrens_social_care'],
      postMortem: 'awaited',
      coronerInvolved: true,
      policeInvestigation: false,
    })
    const page = $((await agent.get(`/cases/${record.id}`)).text)
    const section = page('#section-jar').text()
    expect(section).toContain('Sudden, with no apparent cause, External cause')
    expect(section).toContain("Police, Hospital paediatrics, Children's social care")
    expect(page('main').text()).toContain('Coroner involved')
    expect(page('main').text()).toContain('Joint agency response changed')
  })

  it('asks for triggers when a response is required, clears them when not, and refuses unknown codes', async () => {
    const record = await buildCase(t.services, { expected: 'unexpected' })
    const none = await submitForm(agent, `/cases/${record.id}/edit/jar`, jar({ jar_triggers: [] }))
    expect(errorSummary(none.text)).toEqual([
      ['#jar_triggers', 'Select the triggers the death meets, as a joint agency response is required'],
    ])
    expect($(none.text)('input[name=jar_attendees][value=police]').attr('checked')).toBeDefined()
    const forged = await submitForm(agent, `/cases/${record.id}/edit/jar`, jar({ jar_attendees: ['police', 'mi5'] }))
    expect(errorSummary(forged.text)).toEqual([['#jar_attendees', 'Select from the list']])
    await submitForm(agent, `/cases/${record.id}/edit/jar`, jar({ jar_required: 'no' }))
    await record.reload()
    expect(record).toMatchObject({ jarRequired: false, jarTriggers: [] })
  })

  it('refuses a start date before the death or in the future', async () => {
    const record = await buildCase(t.services, { dateOfDeath: '2025-06-01' })
    const early = await submitForm(
      agent,
      `/cases/${record.id}/edit/jar`,
      jar({ 'jar_date-day': '31', 'jar_date-month': '5' }),
    )
    expect(errorSummary(early.text)).toEqual([
      ['#jar_date-day', 'Date the joint agency response started must be the same as or after the date of death'],
    ])
    const future = await submitForm(agent, `/cases/${record.id}/edit/jar`, jar({ 'jar_date-year': '2099' }))
    expect(errorSummary(future.text)[0][1]).toBe('Date the joint agency response started must be today or in the past')
  })
})
