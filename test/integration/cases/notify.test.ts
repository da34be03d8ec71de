import { buildCase, buildUser, signInAs } from '../../factories'
import { notificationFields } from '../../helpers/caseForms'
import { Agent, csrfTokenFrom, submitForm } from '../../helpers/agent'
import { $, errorSummary, fieldError } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('notifying a death', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const coordinator = await buildUser(t.services, { roles: ['coordinator'] })
    agent = await signInAs(t, coordinator)
  })
  afterAll(() => t.close())

  const confirm = async (fields: Record<string, string> = {}) => {
    const page = await agent.get('/cases/notify/check')
    return agent
      .post('/cases/notify/check')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), ...fields })
  }

  it('goes from the form to check your answers to a new case with a reference, status history and audit row', async () => {
    const posted = await submitForm(agent, '/cases/notify', notificationFields())
    expect(posted.status).toBe(302)
    expect(posted.headers.location).toBe('/cases/notify/check')
    const check = await agent.get('/cases/notify/check').expect(200)
    const text = $(check.text)('main').text()
    expect(text).toContain('943 476 5919')
    expect(text).toContain('14 February 2024')
    expect(text).toContain('SW1A 1AA')
    expect(text).toContain('Hospital ward')

    const saved = await confirm()
    expect(saved.status).toBe(302)
    const record = (await t.db.models.Case.findOne())!
    expect(saved.headers.location).toBe(`/cases/${record.id}`)
    expect(record.caseRef).toBe('CDOP-2025-0001')
    expect(record).toMatchObject({
      nhsNumber: '9434765919',
      postcode: 'SW1A 1AA',
      dateOfBirth: '2024-02-14',
      timeOfDeath: '14:30:00',
      status: 'notified',
      resident: true,
    })
    expect(await t.db.models.CaseStatusChange.count({ where: { caseId: record.id, toStatus: 'notified' } })).toBe(1)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'case_notified', entityId: record.id } })).toBe(1)

    const page = await agent.get(saved.headers.location).expect(200)
    expect(page.text).toContain('Case CDOP-2025-0001 created')
    expect(page.text).toContain('Alex Example')
  })

  it('keeps every value typed and explains each mistake beside its field', async () => {
    const response = await submitForm(
      agent,
      '/cases/notify',
      notificationFields({
        nhs_number: '943 476 5918',
        'date_of_birth-day': '31',
        'date_of_birth-month': '2',
        sex: '',
        expected: 'perhaps',
        postcode: 'NOT A POSTCODE',
        time_of_death: '25:61',
        family_name: 'x'.repeat(201),
      }),
    )
    expect(response.status).toBe(400)
    expect(response.text).toContain('<title>Error: Notify a child death')
    expect(errorSummary(response.text)).toEqual([
      ['#family_name', 'Family name must be 200 characters or fewer'],
      ['#nhs_number', 'Enter a valid NHS number: these 10 digits are not an NHS number. Check each digit'],
      ['#date_of_birth-day', 'Date of birth must be a real date'],
      ['#sex', "Select the child's sex"],
      ['#time_of_death', 'Enter the time of death in the 24-hour clock, like 14:30'],
      ['#expected', 'Select was the death expected from the list'],
      ['#postcode', 'Enter a real postcode, like SW1A 1AA'],
    ])
    expect(fieldError(response.text, 'postcode')).toBe('Enter a real postcode, like SW1A 1AA')
    const page = $(response.text)
    expect(page('#postcode').val()).toBe('NOT A POSTCODE')
    expect(page('#nhs_number').val()).toBe('943 476 5918')
    expect(page('#date_of_birth-day').val()).toBe('31')
    expect(page('#time_of_death').val()).toBe('25:61')
    expect(page('#circumstances').text()).toBe('Collapsed at home.\nTaken to hospital.')
    expect(await t.db.models.Case.count()).toBe(0)
  })

  it('keeps over-long answers typed in characters of two code units without cutting one in half', async () => {
    // Cut at a field's limit, an answer could end in half a character, which PostgreSQL's json
    // refused: the session save failed and the coordinator got a 500 instead of the form.
    const fields = notificationFields()
    for (const prefix of ['a', 'ab']) {
      const long = `${prefix}${'𝔘'.repeat(150)}`
      const response = await submitForm(
        agent,
        '/cases/notify',
        Object.fromEntries(Object.keys(fields).map(name => [name, long])),
      )
      expect(response.status).toBe(400)
      expect(response.text).toContain('There is a problem')
      const back = await agent.get('/cases/notify')
      expect(back.status).toBe(200)
      expect(back.text).toContain(`value="${prefix}𝔘𝔘`)
    }
  })

  it('refuses a death on or after the 18th birthday, in the future, or notified before it happened', async () => {
    const adult = await submitForm(
      agent,
      '/cases/notify',
      notificationFields({ 'date_of_birth-year': '2007', 'date_of_birth-month': '11', 'date_of_birth-day': '3' }),
    )
    expect(fieldError(adult.text, 'date_of_death')).toMatch(/on or after the child's 18th birthday \(3 November 2025\)/)
    const future = await submitForm(agent, '/cases/notify', notificationFields({ 'date_of_death-year': '2099' }))
    expect(errorSummary(future.text).map(([href]) => href)).toContain('#date_of_death-day')
    const early = await submitForm(
      agent,
      '/cases/notify',
      notificationFields({ 'notified_at-day': '1', 'notified_at-month': '11' }),
    )
    expect(fieldError(early.text, 'notified_at')).toBe('Date notified must be the same as or after the date of death')
    const reversed = await submitForm(
      agent,
      '/cases/notify',
      notificationFields({ 'date_of_birth-year': '2025', 'date_of_birth-month': '12' }),
    )
    expect(fieldError(reversed.text, 'date_of_birth')).toBe(
      'Date of birth must be the same as or before the date of death',
    )
  })

  it('says that an NHS number or a reason is needed, and lists that error third, where the field is', async () => {
    const form = await agent.get('/cases/notify').expect(200)
    expect($(form.text)('main p.govuk-body').first().text()).toContain('and the NHS number or why there is none')
    const response = await submitForm(
      agent,
      '/cases/notify',
      notificationFields({
        family_name: 'x'.repeat(201),
        nhs_number: '',
        'date_of_birth-day': '',
        sex: '',
        expected: '',
      }),
    )
    expect(response.status).toBe(400)
    expect(errorSummary(response.text).map(([href]) => href)).toEqual([
      '#family_name',
      '#nhs_number_missing_reason',
      '#date_of_birth-day',
      '#sex',
      '#expected',
    ])
    // The summary follows the page: each link's field appears on the page in the same order.
    const page = $(response.text)
    const ids = page('form [id]')
      .toArray()
      .map(el => page(el).attr('id'))
    const positions = errorSummary(response.text).map(([href]) => ids.indexOf(href.slice(1)))
    expect(positions.every(p => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('needs a reason when there is no NHS number, and survives forged codes and arrays', async () => {
    const missing = await submitForm(agent, '/cases/notify', notificationFields({ nhs_number: '' }))
    expect(errorSummary(missing.text)).toEqual([
      ['#nhs_number_missing_reason', 'Enter the NHS number, or select why there is no NHS number'],
    ])
    const forged = await submitForm(agent, '/cases/notify', {
      ...notificationFields({ ethnicity: 'XX', place_of_death: 'moon' }),
      sex: ['male', 'female'] as unknown as string,
    })
    expect(forged.status).toBe(400)
    expect(errorSummary(forged.text).map(([href]) => href)).toEqual(['#ethnicity', '#place_of_death'])
  })

  it('warns of a possible duplicate with a link, and saves only once the coordinator confirms a different child', async () => {
    const existing = await buildCase(t.services, { nhsNumber: '9434765919', nhsNumberMissingReason: null })
    await submitForm(agent, '/cases/notify', notificationFields())
    const check = await agent.get('/cases/notify/check')
    expect(check.text).toContain('This may be a child the service already has')
    expect(check.text).toContain(`href="/cases/${existing.id}"`)
    const refused = await confirm()
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text)[0][0]).toBe('#confirm_different_child')
    expect(await t.db.models.Case.count()).toBe(1)
    const saved = await confirm({ confirm_different_child: 'yes' })
    expect(saved.status).toBe(302)
    expect(await t.db.models.Case.count()).toBe(2)
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'case_notified' }, order: [['id', 'DESC']] })
    expect(audit!.details).toMatchObject({ confirmedNotDuplicateOf: [existing.id] })
  })

  it('also matches duplicates on date of birth, date of death and sex', async () => {
    await buildCase(t.services, {
      dateOfBirth: '2024-02-14',
      dateOfDeath: '2025-11-03',
      notifiedAt: '2025-11-04',
      sex: 'female',
    })
    await submitForm(
      agent,
      '/cases/notify',
      notificationFields({ nhs_number: '', nhs_number_missing_reason: 'not_yet_available' }),
    )
    expect((await agent.get('/cases/notify/check')).text).toContain('This may be a child the service already has')
  })

  it('keeps the draft when the coordinator leaves and comes back, and a second confirm does not create a second case', async () => {
    await submitForm(agent, '/cases/notify', notificationFields({ family_name: 'Draftson' }))
    const back = await agent.get('/cases/notify')
    expect($(back.text)('#family_name').val()).toBe('Draftson')
    const page = await agent.get('/cases/notify/check')
    const token = csrfTokenFrom(page.text)
    const first = await agent.post('/cases/notify/check').type('form').send({ _csrf: token })
    const second = await agent.post('/cases/notify/check').type('form').send({ _csrf: token })
    expect(second.headers.location).toBe(first.headers.location)
    expect(await t.db.models.Case.count()).toBe(1)
  })

  it('gives case references in sequence per year, never twice, even when saved at the same moment', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        buildCase(t.services, { notifiedAt: '2026-01-05', familyName: `Concurrent${i}` }),
      ),
    )
    const refs = created.map(c => c.caseRef).sort()
    expect(refs).toEqual(Array.from({ length: 8 }, (_, i) => `CDOP-2026-000${i + 1}`))
    const other = await buildCase(t.services, { notifiedAt: '2025-12-31' })
    expect(other.caseRef).toBe('CDOP-2025-0001')
  })

  it('skips a reference already taken by an imported case', async () => {
    await t.db.models.Case.create({
      caseRef: 'CDOP-2026-0001',
      dateOfBirth: '2020-01-01',
      dateOfDeath: '2026-01-01',
      sex: 'male',
      expected: 'expected',
      notifiedAt: '2026-01-01',
      imported: true,
      givenNames: null,
      familyName: null,
      nhsNumber: null,
      nhsNumberMissingReason: null,
      timeOfDeath: null,
      postcode: null,
      localAuthority: null,
      ward: null,
      placeOfDeath: null,
      notifierName: null,
      notifierRole: null,
      notifierOrganisation: null,
      notifierContact: null,
      circumstances: null,
      onHoldReason: null,
      statusBeforeHold: null,
      reviewDate: null,
      category: null,
      modifiableFactors: null,
      preventability: null,
      jarRequired: null,
      jarDate: null,
      jarHomeVisit: null,
      jarSummary: null,
      postMortem: null,
      coronerInvolved: null,
      policeInvestigation: null,
      keyWorker: null,
      familyLeafletSentOn: null,
      familyQuestions: null,
      createdBy: null,
    })
    const next = await buildCase(t.services, { notifiedAt: '2026-01-05' })
    expect(next.caseRef).toBe('CDOP-2026-0002')
  })
})
