import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, newAgent, submitForm } from '../../helpers/agent'
import { $, errorSummary, fieldError } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { auditRows, GP, linkFor, reportFields, sendRequests } from './agencyHelpers'

describe('an agency report submitted with a mistake', () => {
  let t: TestApp
  let coordinator: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services)
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  const oneRequest = async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    return { record, request: requests[0], link: await linkFor(t, requests[0]) }
  }

  it('keeps every answer as the draft, so reopening the link later shows them all', async () => {
    const { request, link } = await oneRequest()
    const agency = newAgent(t.app)
    // Everything answered except two questions, and a weight that is not a number.
    const answers = reportFields({ child_weight_kg: 'eleven', reporter_role: '' })
    delete answers.looked_after
    const refused = await submitForm(agency, link, { ...answers, version: String(request.version), action: 'submit' })
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text).map(([href]) => href)).toEqual(
      expect.arrayContaining(['#reporter_role', '#child_weight_kg', '#looked_after']),
    )
    expect(fieldError(refused.text, 'child_weight_kg')).toMatch(/must be a number between/)
    expect($(refused.text)('#draft-saved').text()).toContain('Your answers have been saved')
    await request.reload()
    expect(request.status).toBe('requested')
    expect(request.draftSavedAt).not.toBeNull()
    expect((await auditRows(t, 'agency_report_draft_saved')).map(a => a.entityId)).toEqual([request.id])

    // The contact closes the page; later, in another browser, every answer is still there.
    const later = $((await newAgent(t.app).get(link)).text)
    expect(later('#reporter_name').val()).toBe('Dr Pat Practice')
    expect(later('#reporter_phone').val()).toBe('01632 960123')
    expect(later('#child_height_cm').val()).toBe('82.5')
    expect(later('#child_weight_kg').val()).toBe('eleven') // what was typed, to be corrected
    expect(later('#circumstances_details').text()).toContain('Seen at the surgery two weeks before')
    expect(later('#bereavement_details').val()).toBe('Referred to the local bereavement service.')
    expect(later('input[name=family_factors][value=smoking]').attr('checked')).toBeDefined()
    expect(later('input[name=family_factors][value=housing]').attr('checked')).toBeDefined()
    expect(later('input[name=mode_of_death][value=found_dead_or_collapsed]').attr('checked')).toBeDefined()
    expect(later('input[name=looked_after]:checked').length).toBe(0)

    // Corrected on the page as reopened (with the version it now carries), it goes in.
    const version = String(later('input[name=version]').val())
    expect(version).toBe(String(request.version))
    const sent = await submitForm(agency, link, { ...reportFields(), version, action: 'submit' })
    expect(sent.status).toBe(200)
    await request.reload()
    expect(request).toMatchObject({ status: 'received', reportDraft: null })
  })

  it('keeps an answer over its limit to be shortened, and drops only a forged code', async () => {
    const { request, link } = await oneRequest()
    const agency = newAgent(t.app)
    const refused = await submitForm(agency, link, {
      ...reportFields({ mode_of_death: 'forged', circumstances_details: 'x'.repeat(10_001) }),
      version: String(request.version),
      action: 'submit',
    })
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text).map(([href]) => href)).toEqual(
      expect.arrayContaining(['#mode_of_death', '#circumstances_details']),
    )
    await request.reload()
    const draft = (request.reportDraft as { answers: Record<string, unknown> }).answers
    expect(draft.reporter_name).toBe('Dr Pat Practice')
    expect(draft.circumstances_details).toBe('x'.repeat(10_001))
    expect(draft).not.toHaveProperty('mode_of_death')
    const later = $((await newAgent(t.app).get(link)).text)
    expect(later('#circumstances_details').text()).toHaveLength(10_001)
    expect(later('input[name=mode_of_death]:checked').length).toBe(0)
  })

  it('tells a second window its answers were not saved over newer ones, and shows them', async () => {
    const { request, link } = await oneRequest()
    const opened = String(request.version)
    await submitForm(newAgent(t.app), link, { version: opened, action: 'draft', reporter_name: 'First window' })
    const second = await submitForm(newAgent(t.app), link, {
      version: opened,
      action: 'submit',
      reporter_name: 'Second window',
    })
    expect(second.status).toBe(409)
    expect(errorSummary(second.text).map(([, text]) => text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/saved from another window/)]),
    )
    expect($(second.text)('#reporter_name').val()).toBe('Second window')
    await request.reload()
    expect((request.reportDraft as { answers: Record<string, unknown> }).answers.reporter_name).toBe('First window')
  })
})
