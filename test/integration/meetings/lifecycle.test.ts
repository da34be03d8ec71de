import { todayInLondon } from '../../../src/domain/dates'
import { systemContext } from '../../../src/services/auditContext'
import { csrfTokenFrom } from '../../helpers/agent'
import { $, errorSummary, fieldError } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { changeAndPost, postFields, scheduleCase, COMPLETE } from '../reviews/reviewSetup'
import { invite, meetingOn, onAgenda, readyCase, signedIn } from './meetingSetup'

describe('a meeting’s lifecycle: held, cancelled, postponed', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const recordEveryoneAttended = async (meetingId: string) => {
    const meeting = (await t.services.meetingService.findById(meetingId))!
    const members = await t.db.models.MeetingMember.findAll({ where: { meetingId } })
    await t.services.meetingService.recordAttendance(
      meetingId,
      members.map(m => ({ memberId: m.id, attended: true, capacity: m.capacity })),
      meeting.version,
      systemContext(),
    )
  }

  it('marks a meeting held only on or after its date and with attendance recorded, audited', async () => {
    const { agent } = await signedIn(t)
    const future = await meetingOn(t, '2030-06-04')
    const early = await changeAndPost(agent, `/meetings/${future.id}/held`, {})
    expect(early.status).toBe(400)
    expect(errorSummary(early.text)).toEqual([
      ['#held', 'The meeting cannot be marked as held before its date, 4 June 2030'],
    ])
    expect(fieldError(early.text, 'held')).toBe('The meeting cannot be marked as held before its date, 4 June 2030')

    const past = await meetingOn(t, '2020-01-15')
    const unrecorded = await changeAndPost(agent, `/meetings/${past.id}/held`, {})
    expect(unrecorded.status).toBe(400)
    expect(fieldError(unrecorded.text, 'held')).toBe('Record who attended before marking the meeting as held')
    await past.reload()
    expect(past.status).toBe('scheduled')

    await t.services.meetingService.addExternal(
      past.id,
      { name: 'Dr Jo Expert', organisation: 'Northshire Hospital', capacity: 'paediatrician' },
      systemContext(),
    )
    await recordEveryoneAttended(past.id)
    const held = await changeAndPost(agent, `/meetings/${past.id}/held`, {})
    expect(held.status).toBe(302)
    expect(held.headers.location).toBe(`/meetings/${past.id}`)
    await past.reload()
    expect(past.status).toBe('held')
    expect(past.heldAt).toBeInstanceOf(Date)
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'meeting_held', entityId: past.id } })
    expect(audit!.details).toMatchObject({ meetingDate: '2020-01-15', present: 1 })

    // Held is final: no second marking, no cancelling, no postponing, no editing of its details.
    const page = await agent.get(`/meetings/${past.id}`).expect(200)
    expect($(page.text)('#meeting-status').text()).toContain('Held')
    expect($(page.text)('#meeting-lifecycle')).toHaveLength(0)
    const again = await postFields(agent, `/meetings/${past.id}/cancel`, {
      _csrf: csrfTokenFrom(page.text),
      version: String(past.version),
      reason: 'Too late',
    })
    expect(again.status).toBe(400)
    expect(errorSummary(again.text)[0][1]).toBe('This meeting has already been marked as held')
    const edit = await agent.get(`/meetings/${past.id}/edit`)
    expect(edit.status).toBe(302)
  })

  it('cancels a meeting with a reason: its cases go back to ready for panel in one step, audited', async () => {
    const { agent } = await signedIn(t)
    const meeting = await meetingOn(t, '2030-06-04')
    const [first, second] = [await readyCase(t), await readyCase(t)]
    await onAgenda(t, meeting.id, first, second)

    const noReason = await changeAndPost(agent, `/meetings/${meeting.id}/cancel`, { reason: '   ' })
    expect(noReason.status).toBe(400)
    expect(errorSummary(noReason.text)).toEqual([['#reason', 'Enter why the meeting is cancelled']])
    const long = 'x'.repeat(2001)
    const tooLong = await changeAndPost(agent, `/meetings/${meeting.id}/cancel`, { reason: long })
    expect(tooLong.status).toBe(400)
    expect(fieldError(tooLong.text, 'reason')).toBe('The reason must be 2,000 characters or fewer')
    expect($(tooLong.text)('#reason').text().trim()).toBe(long)
    await meeting.reload()
    expect(meeting.status).toBe('scheduled')

    const cancelled = await changeAndPost(agent, `/meetings/${meeting.id}/cancel`, { reason: 'The chair is unwell' })
    expect(cancelled.status).toBe(302)
    await meeting.reload()
    expect(meeting).toMatchObject({ status: 'cancelled', cancellationReason: 'The chair is unwell' })
    for (const record of [first, second]) {
      await record.reload()
      expect(record.status).toBe('ready_for_panel')
      const change = await t.db.models.CaseStatusChange.findOne({
        where: { caseId: record.id, toStatus: 'ready_for_panel', fromStatus: 'scheduled' },
      })
      expect(change!.reason).toBe('The panel meeting on 4 June 2030 was cancelled')
    }
    const items = await t.db.models.AgendaItem.findAll({ where: { meetingId: meeting.id } })
    expect(items.map(i => i.outcome)).toEqual(['removed', 'removed'])
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'meeting_cancelled', entityId: meeting.id } })
    expect(audit!.details).toMatchObject({ reason: 'The chair is unwell' })
    expect((audit!.details as { casesReturned: string[] }).casesReturned.sort()).toEqual([first.id, second.id].sort())
    const page = await agent.get(`/meetings/${meeting.id}`)
    expect($(page.text)('#meeting-status').text()).toContain('Cancelled: The chair is unwell')
    // The cases can go on another meeting's agenda at once.
    const next = await meetingOn(t, '2030-07-02')
    await onAgenda(t, next.id, first, second)
  })

  it('refuses a stale or forged post without changing anything', async () => {
    const { agent } = await signedIn(t)
    const meeting = await meetingOn(t, '2030-06-04')
    const page = await agent.get(`/meetings/${meeting.id}/cancel`)
    const token = csrfTokenFrom(page.text)
    await t.services.meetingService.update(
      meeting.id,
      {
        meetingDate: '2030-06-05',
        startTime: '10:00',
        location: 'Room 1',
        online: false,
        theme: 'general',
        notes: null,
      },
      meeting.version,
      systemContext(),
    )
    const stale = await postFields(agent, `/meetings/${meeting.id}/cancel`, {
      _csrf: token,
      version: String(meeting.version),
      reason: 'Clash',
    })
    expect(stale.status).toBe(409)
    expect($(stale.text)('#reason').text().trim()).toBe('Clash')
    const noVersion = await postFields(agent, `/meetings/${meeting.id}/cancel`, { _csrf: token, reason: 'Clash' })
    expect(noVersion.status).toBe(400)
    const noToken = await postFields(agent, `/meetings/${meeting.id}/cancel`, { version: '1', reason: 'Clash' })
    expect(noToken.status).toBe(403)
    const tampered = await postFields(agent, `/meetings/${meeting.id}/postpone`, {
      _csrf: token,
      version: '1',
      'new_date-day': ['1', '2'],
      'new_date-month': { x: 1 } as unknown as string,
      'new_date-year': '99999999999',
      reason: 'Clash',
    })
    expect(tampered.status).toBe(400)
    await meeting.reload()
    expect(meeting).toMatchObject({ status: 'scheduled', meetingDate: '2030-06-05' })
  })

  it('postpones a meeting to a later date with a reason, keeping what was typed when refused', async () => {
    const { agent } = await signedIn(t)
    const meeting = await meetingOn(t, '2030-06-04')
    const record = await readyCase(t)
    await onAgenda(t, meeting.id, record)
    const earlier = await changeAndPost(agent, `/meetings/${meeting.id}/postpone`, {
      'new_date-day': '3',
      'new_date-month': '6',
      'new_date-year': '2030',
      reason: '',
    })
    expect(earlier.status).toBe(400)
    expect(errorSummary(earlier.text)).toEqual([
      ['#new_date-day', 'The new date must be after the meeting’s current date, 4 June 2030'],
      ['#reason', 'Enter why the meeting is postponed'],
    ])
    expect($(earlier.text)('#new_date-day').val()).toBe('3')
    const impossible = await changeAndPost(agent, `/meetings/${meeting.id}/postpone`, {
      'new_date-day': '31',
      'new_date-month': '2',
      'new_date-year': '2031',
      reason: 'Room not available',
    })
    expect(impossible.status).toBe(400)
    expect(errorSummary(impossible.text)[0][0]).toMatch(/^#new_date-/)
    expect($(impossible.text)('#reason').text().trim()).toBe('Room not available')

    const done = await changeAndPost(agent, `/meetings/${meeting.id}/postpone`, {
      'new_date-day': '2',
      'new_date-month': '7',
      'new_date-year': '2030',
      reason: 'Room not available',
    })
    expect(done.status).toBe(302)
    await meeting.reload()
    expect(meeting).toMatchObject({
      status: 'scheduled',
      meetingDate: '2030-07-02',
      postponedFrom: '2030-06-04',
      postponementReason: 'Room not available',
    })
    await record.reload()
    expect(record.status).toBe('scheduled')
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'meeting_postponed', entityId: meeting.id } })
    expect(audit!.details).toMatchObject({ from: '2030-06-04', to: '2030-07-02', reason: 'Room not available' })
    const page = await agent.get(`/meetings/${meeting.id}`)
    expect($(page.text)('#meeting-status').text()).toContain('Postponed from 4 June 2030: Room not available')
  })

  it('refuses to finalise a review before the meeting is held, then dates it the meeting’s date', async () => {
    const { agent } = await signedIn(t)
    // A meeting on 10 December, the review attempted before it was held.
    const { meeting, record, url } = await scheduleCase(t, { status: 'scheduled', meetingDate: '2025-12-10' })
    await changeAndPost(agent, url, COMPLETE, '#review-form').then(r => expect(r.status).toBe(302))
    const check = await agent.get(`${url}/finalise`).expect(200)
    expect($(check.text)('#review-problems').text()).toContain('mark the meeting as held first')
    const refused = await postFields(agent, `${url}/finalise`, {
      _csrf: csrfTokenFrom(check.text),
      version: String((await t.db.models.CaseReview.findOne({ where: { caseId: record.id } }))!.version),
    })
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text)).toContainEqual([
      `/meetings/${meeting.id}`,
      'A review can be finalised only at a meeting that has been held: mark the meeting as held first',
    ])
    await record.reload()
    expect(record.status).toBe('scheduled')
    expect(record.reviewDate).toBeNull()

    await changeAndPost(agent, `/meetings/${meeting.id}/held`, {}).then(r => expect(r.status).toBe(302))
    await changeAndPost(agent, `${url}/finalise`, {}).then(r => expect(r.status).toBe(302))
    await record.reload()
    expect(record).toMatchObject({ status: 'reviewed', reviewDate: '2025-12-10' })
    expect(record.reviewDate).not.toBe(todayInLondon(new Date()))
  })

  it('refuses, with a message and no fault, to finalise at a held meeting dated before the death', async () => {
    const { agent } = await signedIn(t)
    const { url, record } = await scheduleCase(t, { meetingDate: '2025-05-01' })
    await changeAndPost(agent, url, COMPLETE, '#review-form')
    const refused = await changeAndPost(agent, `${url}/finalise`, {})
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text)[0][1]).toContain('This meeting’s date is before the death')
    await record.reload()
    expect(record.status).toBe('scheduled')
  })

  it('refuses to finalise at a cancelled meeting', async () => {
    const { agent } = await signedIn(t)
    const { url, record } = await scheduleCase(t, { status: 'cancelled' })
    await changeAndPost(agent, url, COMPLETE, '#review-form')
    const check = await agent.get(`${url}/finalise`)
    expect($(check.text)('#review-problems').text()).toContain('The meeting was cancelled')
    await record.reload()
    expect(record.status).toBe('scheduled')
  })

  it('lets the chair, and no other panel member, read the minutes, without the cases they declared an interest in', async () => {
    const chair = await signedIn(t, ['panel_member'], 'Chris Chair')
    const member = await signedIn(t, ['panel_member'], 'Morgan Member')
    const meeting = await meetingOn(t)
    await invite(t, meeting.id, chair.user.id, 'chair')
    await invite(t, meeting.id, member.user.id, 'police')
    const [open, declared] = [await readyCase(t), await readyCase(t)]
    await onAgenda(t, meeting.id, open, declared)
    await t.services.declarationService.declare(
      meeting.id,
      { caseId: declared.id, userId: chair.user.id, description: null },
      systemContext(),
    )
    const meetingPage = await chair.agent.get(`/meetings/${meeting.id}`)
    expect($(meetingPage.text)(`a[href="/meetings/${meeting.id}/minutes"]`)).toHaveLength(1)
    const minutes = await chair.agent.get(`/meetings/${meeting.id}/minutes`).expect(200)
    const text = $(minutes.text)('main').text()
    expect(text).toContain(open.caseRef)
    expect($(minutes.text)('.app-minutes-case')).toHaveLength(1)
    expect($(minutes.text)('#withheld').text()).toContain('You declared an interest in one case')
    expect(text).not.toContain(open.givenNames)
    expect(
      await t.db.models.AuditEvent.count({ where: { action: 'minutes_viewed', actorUserId: chair.user.id } }),
    ).toBe(1)

    const memberPage = await member.agent.get(`/meetings/${meeting.id}`)
    expect($(memberPage.text)(`a[href="/meetings/${meeting.id}/minutes"]`)).toHaveLength(0)
    await member.agent.get(`/meetings/${meeting.id}/minutes`).expect(403)
    await member.agent.get(`/meetings/${meeting.id}/held`).expect(403)
    const other = await meetingOn(t, '2030-09-09')
    await chair.agent.get(`/meetings/${other.id}/minutes`).expect(403)
  })
})
