import { addDays, todayInLondon } from '../../../src/domain/dates'
import { hashLinkToken } from '../../../src/services/agencyRequests/linkToken'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, newAgent, submitForm } from '../../helpers/agent'
import { $, errorSummary, fieldError } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { auditRows, GP, linkFor, POLICE, reportFields, requestFields, sendRequests } from './agencyHelpers'

describe('the life of a request for information, through real HTTP', () => {
  let t: TestApp
  let coordinator: Agent
  let coordinatorEmail: string
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services, { name: 'Casey Coordinator' })
    coordinatorEmail = user.email
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  const childCase = () =>
    buildCase(t.services, {
      givenNames: 'Robin',
      familyName: 'Testchild',
      nhsNumber: '9434765919',
      nhsNumberMissingReason: null,
      dateOfBirth: '2023-03-14',
      dateOfDeath: '2025-06-01',
      postcode: 'ZZ1 1ZZ',
      circumstances: 'Secret circumstances only the panel may read',
      notifierName: 'Dr Notifier Person',
    })

  it('offers a due date REQUEST_DUE_DAYS ahead and asks for each contact, re-showing everything typed on a mistake', async () => {
    const record = await childCase()
    const page = await coordinator.get(`/cases/${record.id}/requests/new`)
    expect(page.status).toBe(200)
    const due = addDays(todayInLondon(new Date()), t.services.config.agencyRequests.dueDays)
    expect($(page.text)('#due_date-day').val()).toBe(String(Number(due.slice(8))))
    expect($(page.text)('#due_date-year').val()).toBe(due.slice(0, 4))

    const none = await submitForm(coordinator, `/cases/${record.id}/requests/new`, {
      ...requestFields([]),
      agencies: [],
    })
    expect(none.status).toBe(400)
    expect(errorSummary(none.text)).toEqual([['#agencies', 'Select at least one agency to ask for information']])

    const fields = requestFields([GP, { ...POLICE, email: 'not an email' }], '2020-01-01')
    fields.contact_name_gp = ''
    const wrong = await submitForm(coordinator, `/cases/${record.id}/requests/new`, fields)
    expect(wrong.status).toBe(400)
    expect(errorSummary(wrong.text)).toEqual([
      ['#contact_name_gp', 'Enter the name of the contact at GP'],
      ['#contact_email_police', 'Enter an email address in the correct format, like name@example.com'],
      ['#due_date-day', 'The date the report is due must be in the future'],
    ])
    const html = $(wrong.text)
    expect(html('input[name=agencies][value=gp]').attr('checked')).toBeDefined()
    expect(html('input[name=agencies][value=police]').attr('checked')).toBeDefined()
    expect(html('#contact_email_police').val()).toBe('not an email')
    expect(html('#contact_email_gp').val()).toBe(GP.email)
    expect(html('#due_date-year').val()).toBe('2020')
    expect(await t.db.models.AgencyRequest.count()).toBe(0)
  })

  it('sends, lets the agency save a draft, come back and submit, then refuses the link for ever after', async () => {
    const record = await childCase()

    // 1. The coordinator sends requests to two agencies.
    const { response, requests } = await sendRequests(t, coordinator, record.id, [GP, POLICE])
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe(`/cases/${record.id}/requests`)
    expect(requests.map(r => [r.agency, r.status, r.contactEmail])).toEqual([
      ['gp', 'requested', GP.email],
      ['police', 'requested', POLICE.email],
    ])
    const [gp] = requests
    expect(gp.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(gp.tokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000)
    await record.reload()
    expect(record.status).toBe('information_gathering')
    const listPage = await coordinator.get(`/cases/${record.id}/requests`)
    expect(listPage.text).toContain('Requests sent to GP and Police')
    expect($(listPage.text)('.govuk-table .govuk-tag').first().text().trim()).toBe('Requested')

    // 2. The e-mail, with no mail server, waits in the outbox with the link; it never names the child.
    const messages = await t.db.models.OutboxMessage.findAll({
      where: { caseId: record.id },
      order: [['createdAt', 'ASC']],
    })
    expect(messages.map(m => [m.kind, m.toAddress, m.status])).toEqual([
      ['agency_request', GP.email, 'stored'],
      ['agency_request', POLICE.email, 'stored'],
    ])
    expect(messages[0].bodyText).toContain(record.caseRef)
    expect(messages[0].bodyText).not.toContain('Robin')
    expect(messages[0].bodyText).toContain(coordinatorEmail)
    const link = await linkFor(t, gp)
    expect(hashLinkToken(link.split('/').pop()!)).toBe(gp.tokenHash)
    const outboxPage = await coordinator.get(`/outbox/${messages[0].id}`)
    expect(outboxPage.text).toContain(link)
    expect(outboxPage.text).toContain('Stored, not sent')

    // 3. The agency contact opens the link without signing in and sees only who the child is.
    const agency = newAgent(t.app)
    const opened = await agency.get(link)
    expect(opened.status).toBe(200)
    const page = $(opened.text)
    const shown = page('main').text()
    expect(shown).toContain('Robin Testchild')
    expect(shown).toContain('14 March 2023')
    expect(shown).toContain('1 June 2025')
    expect(shown).toContain('943 476 5919')
    expect(shown).toContain(record.caseRef)
    for (const hidden of ['Secret circumstances', 'ZZ1 1ZZ', 'Dr Notifier Person', 'Information gathering', 'Police'])
      expect(shown).not.toContain(hidden)
    expect(page('.govuk-service-navigation').length).toBe(0)

    // 4. A draft: partial answers are kept, limits are still checked.
    const tooLong = await submitForm(agency, link, {
      version: String(gp.version),
      action: 'draft',
      reporter_name: 'Dr Pat Practice',
      circumstances: 'given',
      circumstances_details: 'x'.repeat(10_001),
    })
    expect(tooLong.status).toBe(400)
    expect(fieldError(tooLong.text, 'circumstances_details')).toMatch(/10,000 characters or fewer/)
    expect($(tooLong.text)('#reporter_name').val()).toBe('Dr Pat Practice')
    const draft = await submitForm(agency, link, {
      version: String(gp.version),
      action: 'draft',
      reporter_name: 'Dr Pat Practice',
      circumstances: 'given',
      circumstances_details: 'Seen two weeks before.',
      family_factors: ['smoking'],
    })
    expect(draft.status).toBe(303)
    await gp.reload()
    expect(gp.draftSavedAt).not.toBeNull()
    expect(gp.status).toBe('requested')

    // 5. Coming back later, in a new browser session, the draft is there.
    const later = newAgent(t.app)
    const back = await later.get(link)
    expect(back.status).toBe(200)
    const form = $(back.text)
    expect(form('#reporter_name').val()).toBe('Dr Pat Practice')
    expect(form('#circumstances_details').text()).toContain('Seen two weeks before.')
    expect(form('input[name=family_factors][value=smoking]').attr('checked')).toBeDefined()

    // 6. Submitting checks every answer; "Not known" counts as one.
    const incomplete = await submitForm(later, link, {
      version: String(gp.version),
      action: 'submit',
      reporter_name: 'Dr Pat Practice',
    })
    expect(incomplete.status).toBe(400)
    expect(errorSummary(incomplete.text).map(([href]) => href)).toEqual(
      expect.arrayContaining(['#reporter_role', '#agency_involvement', '#mode_of_death', '#events', '#circumstances']),
    )
    await gp.reload() // the refused submission was kept as the draft, so the version moved on
    const submitted = await submitForm(later, link, {
      ...reportFields(),
      version: String(gp.version),
      action: 'submit',
    })
    expect(submitted.status).toBe(200)
    expect(submitted.text).toContain('Report submitted')
    expect(submitted.text).not.toContain('Robin')
    await gp.reload()
    expect(gp).toMatchObject({ status: 'received', receivedVia: 'link', reportDraft: null })
    expect(gp.submittedAt).not.toBeNull()
    expect((gp.report as { answers: Record<string, unknown> }).answers).toMatchObject({
      reporter_name: 'Dr Pat Practice',
      family_factors: ['housing', 'smoking'],
      child_height_cm: '82.5',
      bereavement_details: 'Referred to the local bereavement service.',
    })
    const confirmations = await t.db.models.OutboxMessage.findAll({
      where: { requestId: gp.id },
      order: [['createdAt', 'ASC']],
    })
    expect(confirmations.map(m => [m.kind, m.toAddress])).toEqual([
      ['agency_request', GP.email],
      ['agency_confirmation', GP.email],
      ['report_received', coordinatorEmail],
    ])

    // 7. The link now shows only a confirmation, and a second submission is refused.
    const reopened = await newAgent(t.app).get(link)
    expect(reopened.status).toBe(200)
    expect(reopened.text).toContain('This report has been submitted')
    expect(reopened.text).not.toContain('Robin')
    expect(reopened.text).not.toContain('Seen two weeks before')
    const reuse = await later
      .post(link)
      .type('form')
      .send({
        _csrf: $(back.text)('input[name=_csrf]').val(),
        ...reportFields({ reporter_name: 'Someone else' }),
        version: String(gp.version),
        action: 'submit',
      })
    expect(reuse.status).toBe(409)
    expect(reuse.text).toContain('This report has been submitted')
    await gp.reload()
    expect((gp.report as { answers: Record<string, unknown> }).answers.reporter_name).toBe('Dr Pat Practice')

    // 8. The coordinator reads the report; the case shows it on the timeline and in readiness.
    const requestPage = await coordinator.get(`/cases/${record.id}/requests/${gp.id}`)
    expect(requestPage.status).toBe(200)
    expect(requestPage.text).toContain('Referred to the local bereavement service.')
    expect(requestPage.text).toContain('Smoking in the household')
    const casePage = $((await coordinator.get(`/cases/${record.id}`)).text)
    const timeline = casePage('ol.govuk-list').last().text()
    expect(timeline).toContain('Information requested from GP')
    expect(timeline).toContain('Report received from GP')
    expect(timeline).toContain('Link for GP refused: the report was already submitted')
    expect(casePage('#readiness').text()).toContain('Report from Police due')
    expect(casePage('#readiness').text()).not.toContain('Report from GP')

    // 9. Audit rows throughout, naming the request and agency but no contact details.
    const sent = await auditRows(t, 'agency_request_sent')
    expect(sent.map(a => [a.entityType, a.entityId, a.details.agency])).toEqual([
      ['case', record.id, 'gp'],
      ['case', record.id, 'police'],
    ])
    expect(JSON.stringify(sent.map(a => a.details))).not.toContain('example.org')
    expect((await auditRows(t, 'agency_link_opened')).length).toBeGreaterThanOrEqual(3)
    // Saved by hand once, and once more when the incomplete submission was refused.
    expect((await auditRows(t, 'agency_report_draft_saved')).map(a => a.entityId)).toEqual([gp.id, gp.id])
    const submittedAudit = await auditRows(t, 'agency_report_submitted')
    expect(submittedAudit.map(a => [a.entityId, a.details])).toEqual([
      [record.id, { requestId: gp.id, agency: 'gp', involved: true }],
    ])
    const refused = await auditRows(t, 'agency_link_refused')
    expect(refused.map(a => a.details.reason)).toEqual(['used', 'used'])
    expect(await t.db.models.AuditEvent.count({ where: { action: 'outbox_message_viewed' } })).toBe(1)
  })

  it('takes a one-question nil return from an agency that had no involvement', async () => {
    const record = await childCase()
    const { requests } = await sendRequests(t, coordinator, record.id, [POLICE])
    const link = await linkFor(t, requests[0])
    const agency = newAgent(t.app)
    const response = await submitForm(agency, link, {
      version: String(requests[0].version),
      action: 'submit',
      reporter_name: 'DS Lee Officer',
      reporter_role: 'Detective sergeant',
      agency_involvement: 'no',
      mode_of_death: 'witnessed_event', // left over from before: dropped, not kept
    })
    expect(response.status).toBe(200)
    expect(response.text).toContain('no involvement')
    await requests[0].reload()
    expect(requests[0]).toMatchObject({ status: 'not_involved', receivedVia: 'link' })
    expect((requests[0].report as { answers: Record<string, unknown> }).answers).toEqual({
      reporter_name: 'DS Lee Officer',
      reporter_role: 'Detective sergeant',
      agency_involvement: 'no',
    })
    const page = await coordinator.get(`/cases/${record.id}`)
    expect(page.text).toContain('Police said it had no involvement')
  })

  it('keeps two windows from overwriting each other: the second save is told and keeps its answers', async () => {
    const record = await childCase()
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    const link = await linkFor(t, requests[0])
    const first = newAgent(t.app)
    const opened = String(requests[0].version)
    await submitForm(first, link, { version: opened, action: 'draft', reporter_name: 'First window' })
    const second = await submitForm(first, link, { version: opened, action: 'draft', reporter_name: 'Second window' })
    expect(second.status).toBe(409)
    expect(errorSummary(second.text)[0][1]).toMatch(/saved from another window/)
    expect($(second.text)('#reporter_name').val()).toBe('Second window')
    await requests[0].reload()
    expect((requests[0].reportDraft as { answers: Record<string, unknown> }).answers.reporter_name).toBe('First window')
  })

  it('records a report received on paper, and cancellations and nil returns by the coordinator', async () => {
    const record = await childCase()
    const { requests } = await sendRequests(t, coordinator, record.id, [
      GP,
      POLICE,
      { agency: 'other', other: 'Northshire Youth Club', name: 'Jo Leader', email: 'jo@club.example.org' },
    ])
    const [gp, police, club] = requests
    expect(club.agencyOther).toBe('Northshire Youth Club')
    const gpLink = await linkFor(t, gp)

    const paperUrl = `/cases/${record.id}/requests/${gp.id}/paper`
    const wrong = await submitForm(coordinator, paperUrl, {
      ...reportFields({ child_height_cm: 'tall' }),
      version: String(gp.version),
      'received_on-day': '1',
      'received_on-month': '1',
      'received_on-year': '2099',
    })
    expect(wrong.status).toBe(400)
    expect(errorSummary(wrong.text)).toEqual([
      ['#received_on-day', 'The date the report was received must be today or in the past'],
      ['#child_height_cm', 'Height must be a number between 20 and 250 cm'],
    ])
    expect($(wrong.text)('#child_height_cm').val()).toBe('tall')
    const today = todayInLondon(new Date())
    const recorded = await submitForm(coordinator, paperUrl, {
      ...reportFields(),
      version: String(gp.version),
      'received_on-day': today.slice(8),
      'received_on-month': today.slice(5, 7),
      'received_on-year': today.slice(0, 4),
    })
    expect(recorded.status).toBe(302)
    await gp.reload()
    expect(gp).toMatchObject({ status: 'received', receivedVia: 'paper' })
    // The link sent earlier no longer opens the form, and no longer stays readable in the outbox.
    await expect(linkFor(t, gp)).rejects.toThrow('No link in the outbox')
    const stale = await newAgent(t.app).get(gpLink)
    expect(stale.status).toBe(404)
    expect(stale.text).toContain('This link cannot be used')

    const cancelUrl = `/cases/${record.id}/requests/${police.id}/cancel`
    const noReason = await submitForm(coordinator, cancelUrl, { version: String(police.version), reason: '' })
    expect(errorSummary(noReason.text)).toEqual([['#reason', 'Enter why you are cancelling the request']])
    await submitForm(coordinator, cancelUrl, { version: String(police.version), reason: 'Sent to the wrong force' })
    await police.reload()
    expect(police).toMatchObject({ status: 'cancelled', closedReason: 'Sent to the wrong force' })

    await submitForm(coordinator, `/cases/${record.id}/requests/${club.id}/not-involved`, {
      version: String(club.version),
      reason: '',
    })
    await club.reload()
    expect(club.status).toBe('not_involved')

    const list = $((await coordinator.get(`/cases/${record.id}/requests`)).text)
    expect(
      list('.govuk-table .govuk-tag')
        .toArray()
        .map(tag => list(tag).text().trim()),
    ).toEqual(['Received', 'Cancelled', 'Not involved'])
    expect(list('.govuk-table').text()).toContain('Northshire Youth Club')
    expect((await auditRows(t, 'agency_report_recorded')).map(a => a.details.agency)).toEqual(['gp'])
    expect((await auditRows(t, 'agency_request_cancelled')).map(a => a.details.agency)).toEqual(['police'])
    expect((await auditRows(t, 'agency_request_not_involved')).map(a => a.details.agency)).toEqual(['other'])
    // A closed request cannot be closed again.
    const again = await submitForm(coordinator, cancelUrl, { version: String(police.version), reason: 'Again' })
    expect(again.text).toContain('This request is already closed')
  })

  it('refuses a second open request to the same contact for the same case', async () => {
    const record = await childCase()
    await sendRequests(t, coordinator, record.id, [GP])
    const { response, requests } = await sendRequests(t, coordinator, record.id, [GP])
    expect(response.status).toBe(409)
    expect(errorSummary(response.text)).toEqual([
      ['#contact_email_gp', 'This contact already has an open request for this case'],
    ])
    expect(requests).toHaveLength(1)
  })
})
