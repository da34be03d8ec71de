import { addDays, todayInLondon } from '../../../src/domain/dates'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, newAgent, submitForm } from '../../helpers/agent'
import { $, errorSummary, fieldError } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

/** The event form as a browser posts it. */
const eventFields = (date: string, overrides: Record<string, string | string[]> = {}) => {
  const [year, month, day] = date.split('-')
  return {
    kind: 'jar_meeting',
    'event_date-day': String(Number(day)),
    'event_date-month': String(Number(month)),
    'event_date-year': year,
    attendees: ['police', 'hospital_paediatrics'],
    attendee_role_police: 'Detective sergeant',
    attendee_role_hospital_paediatrics: 'Designated doctor',
    note: 'Agreed a follow-up discussion after the post-mortem.',
    ...overrides,
  }
}

describe('the dated events of a joint agency response', () => {
  let t: TestApp
  let agent: Agent
  const today = todayInLondon(new Date())
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const coordinator = await buildUser(t.services, { name: 'Casey Coordinator' })
    agent = await signInAs(t, coordinator)
  })
  afterAll(() => t.close())

  const audits = (action: string) => t.db.models.AuditEvent.findAll({ where: { action }, order: [['id', 'ASC']] })

  it('records strategy discussions, the home visit, the meeting with its attendees, the post-mortem and the inquest, on the case and its timeline', async () => {
    const record = await buildCase(t.services, { expected: 'unexpected', dateOfDeath: '2025-06-01' })
    const add = (fields: Record<string, string | string[]>) =>
      submitForm(agent, `/cases/${record.id}/jar-events/new`, fields)
    const plain = { attendees: [], note: '' }
    const responses = [
      await add(eventFields('2025-06-02', { kind: 'strategy_discussion_initial', note: '' })),
      await add(eventFields('2025-06-03', { kind: 'home_visit', ...plain })),
      await add(eventFields('2025-06-04', { kind: 'post_mortem', ...plain })),
      await add(eventFields('2025-06-05', {})),
      await add(eventFields('2025-06-09', { kind: 'strategy_discussion_follow_up', attendees: ['police'] })),
      await add(eventFields('2025-06-10', { kind: 'inquest_opened', ...plain })),
      await add(eventFields('2025-11-20', { kind: 'inquest_concluded', ...plain })),
    ]
    expect(responses.map(r => r.status)).toEqual([302, 302, 302, 302, 302, 302, 302])
    expect(responses[0].headers.location).toBe(`/cases/${record.id}#jar-events`)

    const events = await t.services.jarEventService.listForCase(record.id)
    expect(events.map(e => [e.kind, e.eventDate])).toEqual([
      ['strategy_discussion_initial', '2025-06-02'],
      ['home_visit', '2025-06-03'],
      ['post_mortem', '2025-06-04'],
      ['jar_meeting', '2025-06-05'],
      ['strategy_discussion_follow_up', '2025-06-09'],
      ['inquest_opened', '2025-06-10'],
      ['inquest_concluded', '2025-11-20'],
    ])
    const meeting = events[3]
    expect(meeting.attendees).toEqual([
      { agency: 'hospital_paediatrics', role: 'Designated doctor' },
      { agency: 'police', role: 'Detective sergeant' },
    ])
    expect(events[4].attendees).toEqual([{ agency: 'police', role: 'Detective sergeant' }])

    const page = $((await agent.get(`/cases/${record.id}`)).text)
    const card = page('#jar-events')
    expect(card.find('.govuk-summary-list__row')).toHaveLength(7)
    expect(card.text()).toContain('Joint agency response meeting')
    expect(card.text()).toContain('Attended: Hospital paediatrics (Designated doctor), Police (Detective sergeant)')
    expect(card.text()).toContain('Agreed a follow-up discussion after the post-mortem.')
    expect(card.text()).toContain('20 November 2025')
    const timeline = page('ol.govuk-list').last().text()
    expect(timeline).toContain('Inquest concluded')
    expect(timeline).toContain('Joint home or scene visit')
    expect(timeline).toContain('Joint agency response event recorded: post-mortem on 4 June 2025')
    // In date order among the rest, newest first: the inquest's conclusion before its opening.
    expect(timeline.indexOf('Inquest concluded')).toBeLessThan(timeline.indexOf('Inquest opened'))

    const added = await audits('jar_event_added')
    expect(added).toHaveLength(7)
    expect(added[3]).toMatchObject({
      entityType: 'case',
      entityId: record.id,
      details: { eventId: meeting.id, kind: 'jar_meeting', eventDate: '2025-06-05', attendees: 2 },
    })
    // The note may name people: it stays out of the audit log.
    expect(JSON.stringify(added.map(a => a.details))).not.toContain('Agreed')
  })

  it('refuses a date before the death, in the future or impossible, a second initial discussion, and forged input, keeping what was typed', async () => {
    const record = await buildCase(t.services, { dateOfDeath: '2025-06-01' })
    const url = `/cases/${record.id}/jar-events/new`
    const before = await submitForm(agent, url, eventFields('2025-05-31'))
    expect(before.status).toBe(400)
    expect(errorSummary(before.text)).toEqual([
      ['#event_date-day', 'The date of the event must be on or after the date of death (1 June 2025)'],
    ])
    const kept = $(before.text)
    expect(kept('input[name=kind][value=jar_meeting]').attr('checked')).toBeDefined()
    expect(kept('#event_date-day').val()).toBe('31')
    expect(kept('#attendee_role_police').val()).toBe('Detective sergeant')
    expect(kept('input[name=attendees][value=police]').attr('checked')).toBeDefined()
    expect(kept('#note').text()).toContain('Agreed a follow-up')

    const future = await submitForm(agent, url, eventFields(addDays(today, 1)))
    expect(fieldError(future.text, 'event_date')).toBe('The date of the event must be today or in the past')
    const impossible = await submitForm(agent, url, {
      ...eventFields('2025-06-02'),
      'event_date-day': '31',
      'event_date-month': '2',
    })
    expect(impossible.status).toBe(400)
    expect(fieldError(impossible.text, 'event_date')).toMatch(/real date/)

    const forged = await submitForm(agent, url, {
      ...eventFields('2025-06-02'),
      kind: 'tea_party',
      attendees: ['police', 'the_moon'],
      note: 'x'.repeat(2001),
    })
    expect(forged.status).toBe(400)
    expect(errorSummary(forged.text).map(([href]) => href)).toEqual(['#kind', '#attendees', '#note'])
    const tooLongRole = await submitForm(
      agent,
      url,
      eventFields('2025-06-02', { attendee_role_police: 'r'.repeat(101) }),
    )
    expect(fieldError(tooLongRole.text, 'attendee_role_police')).toBe('Role for Police must be 100 characters or fewer')
    const attendeesOnVisit = await submitForm(agent, url, eventFields('2025-06-02', { kind: 'home_visit' }))
    expect(fieldError(attendeesOnVisit.text, 'attendees')).toMatch(
      /strategy discussions and the joint agency response meeting only/,
    )

    expect(await t.db.models.JarEvent.count()).toBe(0)
    const first = await submitForm(agent, url, eventFields('2025-06-02', { kind: 'strategy_discussion_initial' }))
    expect(first.status).toBe(302)
    const second = await submitForm(agent, url, eventFields('2025-06-03', { kind: 'strategy_discussion_initial' }))
    expect(second.status).toBe(409)
    expect(fieldError(second.text, 'kind')).toBe('This case already has this event: change the one recorded instead')

    await submitForm(agent, url, eventFields('2025-07-01', { kind: 'inquest_opened', attendees: [] }))
    const early = await submitForm(agent, url, eventFields('2025-06-30', { kind: 'inquest_concluded', attendees: [] }))
    expect(fieldError(early.text, 'event_date')).toBe('The inquest cannot conclude before it opened (1 July 2025)')
    expect(await t.db.models.JarEvent.count()).toBe(2)
  })

  it('changes and removes an event, telling a second editor of a change made meanwhile', async () => {
    const record = await buildCase(t.services, { dateOfDeath: '2025-06-01' })
    await submitForm(agent, `/cases/${record.id}/jar-events/new`, eventFields('2025-06-05'))
    const [event] = await t.services.jarEventService.listForCase(record.id)
    const url = `/cases/${record.id}/jar-events/${event.id}`

    const form = $((await agent.get(url)).text)
    expect(form('input[name=kind][value=jar_meeting]').attr('checked')).toBeDefined()
    expect(form('#event_date-day').val()).toBe('5')
    expect(form('#attendee_role_hospital_paediatrics').val()).toBe('Designated doctor')

    const changed = await submitForm(agent, url, {
      ...eventFields('2025-06-06', { attendees: ['police'], note: '' }),
      version: '0',
    })
    expect(changed.status).toBe(302)
    await event.reload()
    expect(event).toMatchObject({ eventDate: '2025-06-06', note: null, version: 1 })
    expect(event.attendees).toEqual([{ agency: 'police', role: 'Detective sergeant' }])
    const [audit] = await audits('jar_event_changed')
    expect(audit.details).toMatchObject({
      kind: 'jar_meeting',
      eventDate: '2025-06-06',
      from: { kind: 'jar_meeting', eventDate: '2025-06-05' },
      noteChanged: true,
    })

    // A second window, opened on version 0, is told and keeps its input.
    const stale = await submitForm(agent, url, { ...eventFields('2025-06-07'), version: '0' })
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][1]).toMatch(
      /Someone else changed this event .*: it is now Joint agency response meeting on 6 June 2025/,
    )
    expect($(stale.text)('#event_date-day').val()).toBe('7')
    expect($(stale.text)('input[name=version]').val()).toBe('1')
    const staleRemove = await submitForm(agent, `${url}/remove`, { version: '0' })
    expect(staleRemove.status).toBe(409)
    expect(await t.db.models.JarEvent.count()).toBe(1)

    const removed = await submitForm(agent, `${url}/remove`, { version: '1' })
    expect(removed.status).toBe(302)
    expect(await t.db.models.JarEvent.count()).toBe(0)
    expect((await audits('jar_event_removed')).map(a => a.details.eventId)).toEqual([event.id])
    const timeline = $((await agent.get(`/cases/${record.id}`)).text)('ol.govuk-list')
      .last()
      .text()
    expect(timeline).toContain('Joint agency response event removed: joint agency response meeting on 6 June 2025')

    // Gone: its pages answer 404, as do malformed and other cases' ids.
    expect((await agent.get(url)).status).toBe(404)
    expect((await agent.get(`/cases/${record.id}/jar-events/not-a-uuid`)).status).toBe(404)
    const other = await buildCase(t.services)
    await submitForm(agent, `/cases/${other.id}/jar-events/new`, eventFields('2025-06-05'))
    const [theirs] = await t.services.jarEventService.listForCase(other.id)
    expect((await agent.get(`/cases/${record.id}/jar-events/${theirs.id}`)).status).toBe(404)
    const missingVersion = await submitForm(
      agent,
      `/cases/${other.id}/jar-events/${theirs.id}`,
      eventFields('2025-06-05'),
    )
    expect(missingVersion.status).toBe(400)
  })

  it('is for coordinators and administrators only', async () => {
    const record = await buildCase(t.services)
    const panel = await buildUser(t.services, { roles: ['panel_member'] })
    const member = await signInAs(t, panel)
    expect((await member.get(`/cases/${record.id}/jar-events/new`)).status).toBe(403)
    expect((await newAgent(t.app).get(`/cases/${record.id}/jar-events/new`)).status).toBe(302)
  })
})
