import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, csrfTokenFrom, submitForm } from '../../helpers/agent'
import { $, errorSummary, fieldError } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('the case record', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const coordinator = await buildUser(t.services, { roles: ['coordinator'], name: 'Casey Coordinator' })
    agent = await signInAs(t, coordinator)
  })
  afterAll(() => t.close())

  it('shows every section, the status history and the timeline, and records the view', async () => {
    const record = await buildCase(t.services, { givenNames: 'Robin', familyName: 'Sample', expected: 'unexpected' })
    const page = await agent.get(`/cases/${record.id}`).expect(200)
    const main = $(page.text)('main').text()
    for (const heading of [
      'The child',
      'The death',
      'Where the child lived',
      'Notification',
      'Circumstances',
      'Contact with the family',
      'Status history',
      'Timeline',
    ]) {
      expect(main).toContain(heading)
    }
    expect(main).toContain('Robin Sample')
    expect(main).toContain('Unexpected death')
    expect(main).toContain('Death notified, case created')
    expect(page.headers['cache-control']).toBe('no-store')
    const views = await t.db.models.AuditEvent.findAll({ where: { action: 'case_viewed', entityId: record.id } })
    expect(views).toHaveLength(1)
    expect(views[0].actorUserId).not.toBeNull()
  })

  it('answers 404 for an unknown or malformed case id', async () => {
    await agent.get('/cases/00000000-0000-4000-8000-000000000000').expect(404)
    await agent.get('/cases/1%27%20OR%201=1').expect(404)
    await agent.get('/cases/00000000-0000-4000-8000-000000000000/edit/child').expect(404)
  })

  it('edits a section, keeps typed values on a mistake, and audits the change by field name only', async () => {
    const record = await buildCase(t.services)
    const bad = await submitForm(agent, `/cases/${record.id}/edit/residence`, {
      postcode: 'nope',
      local_authority: 'Northshire',
      ward: '',
      resident: 'yes',
      version: '0',
    })
    expect(bad.status).toBe(400)
    expect(fieldError(bad.text, 'postcode')).toBe('Enter a real postcode, like SW1A 1AA')
    expect($(bad.text)('#local_authority').val()).toBe('Northshire')

    const good = await submitForm(agent, `/cases/${record.id}/edit/residence`, {
      postcode: 'ls1 4ap',
      local_authority: 'Northshire',
      ward: 'Central',
      resident: 'no',
      version: '0',
    })
    expect(good.status).toBe(302)
    await record.reload()
    expect(record).toMatchObject({
      postcode: 'LS1 4AP',
      localAuthority: 'Northshire',
      ward: 'Central',
      resident: false,
      version: 1,
    })
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'case_updated', entityId: record.id } })
    expect(audit!.details).toEqual({ section: 'residence', fields: ['postcode', 'localAuthority', 'ward', 'resident'] })
    expect(JSON.stringify(audit!.details)).not.toContain('LS1')
  })

  it('keeps the cross-section date rules when one section is edited', async () => {
    const record = await buildCase(t.services, { dateOfBirth: '2024-01-10', dateOfDeath: '2025-06-01' })
    const response = await submitForm(agent, `/cases/${record.id}/edit/death`, {
      'date_of_death-day': '1',
      'date_of_death-month': '1',
      'date_of_death-year': '2023',
      expected: 'expected',
      suspected_stillbirth_at_home: 'no',
      version: '0',
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([
      ['#date_of_death-day', 'Date of death must be the same as or after the date of birth (10 January 2024)'],
    ])
    const late = await submitForm(agent, `/cases/${record.id}/edit/child`, {
      given_names: 'Test',
      family_name: 'X',
      nhs_number: '',
      nhs_number_missing_reason: 'other',
      sex: 'male',
      ethnicity: 'A',
      'date_of_birth-day': '1',
      'date_of_birth-month': '1',
      'date_of_birth-year': '2005',
      version: '0',
    })
    expect(fieldError(late.text, 'date_of_birth')).toMatch(/^With this date of birth the child was 18 or over/)
    await record.reload()
    expect(record.dateOfDeath).toBe('2025-06-01')
  })

  it('tells the second of two editors what the first changed, keeps their answers, and lets them save on top', async () => {
    const record = await buildCase(t.services, { localAuthority: 'Northshire' })
    const url = `/cases/${record.id}/edit/residence`
    const pageA = await agent.get(url)
    const pageB = await agent.get(url)
    const post = (page: string, fields: Record<string, string>) =>
      agent
        .post(url)
        .type('form')
        .send({
          _csrf: csrfTokenFrom(page),
          version: $(page)('input[name=version]').val(),
          started_from: $(page)('input[name=started_from]').val(),
          ...fields,
        })

    await post(pageA.text, { postcode: '', local_authority: 'Eastborough', ward: '', resident: 'yes' }).expect(302)
    const second = await post(pageB.text, {
      postcode: 'LS1 4AP',
      local_authority: 'Westshire',
      ward: '',
      resident: 'yes',
    })
    expect(second.status).toBe(409)
    const conflict = $(second.text)('#conflict')
    expect(conflict.text()).toContain('Local authority of residence')
    expect(conflict.text()).toContain('Northshire') // when they opened the page
    expect(conflict.text()).toContain('Eastborough') // what the other person saved
    expect(conflict.text()).toContain('Westshire') // what they typed
    expect($(second.text)('#local_authority').val()).toBe('Westshire')
    expect($(second.text)('#postcode').val()).toBe('LS1 4AP')
    await record.reload()
    expect(record.localAuthority).toBe('Eastborough')

    const third = await post(second.text, {
      postcode: 'LS1 4AP',
      local_authority: 'Westshire',
      ward: '',
      resident: 'yes',
    })
    expect(third.status).toBe(302)
    await record.reload()
    expect(record.localAuthority).toBe('Westshire')
  })

  it('records the family contact, and the dashboard lists families not sent information after 7 days', async () => {
    const waiting = await buildCase(t.services, { familyName: 'Waiting', notifiedAt: '2025-06-02' })
    const families = async () =>
      $((await agent.get('/')).text)('h2:contains("Families waiting")')
        .parent()
        .text()
    expect(await families()).toContain(waiting.caseRef)
    const saved = await submitForm(agent, `/cases/${waiting.id}/edit/family`, {
      key_worker: 'Jo Keyworker',
      'family_leaflet_sent_on-day': '3',
      'family_leaflet_sent_on-month': '6',
      'family_leaflet_sent_on-year': '2025',
      family_questions: 'Could anything have been done differently?',
      version: '0',
    })
    expect(saved.status).toBe(302)
    await waiting.reload()
    expect(waiting).toMatchObject({
      keyWorker: 'Jo Keyworker',
      familyLeafletSentOn: '2025-06-03',
      familyQuestions: 'Could anything have been done differently?',
    })
    expect(await families()).not.toContain(waiting.caseRef)
  })

  it.each([['panel_member'], ['public_health']] as const)('refuses every case page to a %s', async role => {
    const record = await buildCase(t.services)
    const other = await buildUser(t.services, { roles: [role] })
    const outsider = await signInAs(t, other)
    for (const path of [
      '/cases',
      '/cases/notify',
      `/cases/${record.id}`,
      `/cases/${record.id}/edit/child`,
      `/cases/${record.id}/status`,
    ]) {
      const response = await outsider.get(path)
      expect(response.status).toBe(403)
      expect(response.text).not.toContain(record.familyName!)
    }
    const forged = await outsider
      .post(`/cases/${record.id}/status`)
      .type('form')
      .send({ _csrf: csrfTokenFrom((await outsider.get('/')).text), to: 'out_of_scope', reason: 'x', version: '0' })
    expect(forged.status).toBe(403)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'case_viewed' } })).toBe(0)
  })
})
