import { systemContext } from '../../../src/services/auditContext'
import { buildUser } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $, errorSummary, fieldError, attributesOf, textsOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { meetingOn, signedIn } from './meetingSetup'

const meetingFields = (overrides: Record<string, string> = {}) => ({
  'meeting_date-day': '4',
  'meeting_date-month': '6',
  'meeting_date-year': '2030',
  start_time: '14:00',
  online: 'no',
  location: 'Room 3, Civic Centre',
  theme: 'neonatal',
  notes: '',
  ...overrides,
})

describe('panel meetings: scheduling, listing, editing and members', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    ;({ agent } = await signedIn(t, ['coordinator'], 'Casey Coordinator'))
  })
  afterAll(() => t.close())

  it('schedules a meeting and audits it', async () => {
    const response = await submitForm(agent, '/meetings/new', meetingFields())
    expect(response.status).toBe(302)
    const meeting = await t.db.models.Meeting.findOne()
    expect(meeting).toMatchObject({
      meetingDate: '2030-06-04',
      location: 'Room 3, Civic Centre',
      online: false,
      theme: 'neonatal',
    })
    expect(String(meeting!.startTime)).toMatch(/^14:00/)
    expect(response.headers.location).toBe(`/meetings/${meeting!.id}`)
    const page = await agent.get(response.headers.location).expect(200)
    const main = $(page.text)('main').text()
    expect(main).toContain('Panel meeting, 4 June 2030')
    expect(main).toContain('2pm')
    expect(main).toContain('Neonatal')
    expect(await t.db.models.AuditEvent.count({ where: { action: 'meeting_scheduled', entityId: meeting!.id } })).toBe(
      1,
    )
  })

  it('keeps what was typed and explains each mistake', async () => {
    const response = await submitForm(
      agent,
      '/meetings/new',
      meetingFields({
        'meeting_date-day': '31',
        'meeting_date-month': '2',
        start_time: '25:00',
        location: '',
        theme: 'x',
      }),
    )
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([
      ['#meeting_date-day', 'Date of the meeting must be a real date'],
      ['#start_time', 'Enter the start time in the 24-hour clock, like 14:30'],
      ['#location', 'Enter where the meeting will be held'],
      ['#theme', 'Select the theme of the meeting'],
    ])
    const page = $(response.text)
    expect(page('#meeting_date-day').val()).toBe('31')
    expect(page('#start_time').val()).toBe('25:00')
    expect(await t.db.models.Meeting.count()).toBe(0)
  })

  it('accepts an online meeting without a place', async () => {
    const response = await submitForm(agent, '/meetings/new', meetingFields({ online: 'yes', location: '' }))
    expect(response.status).toBe(302)
    const page = await agent.get(response.headers.location)
    expect($(page.text)('main').text()).toContain('Online')
  })

  it('lists upcoming meetings soonest first, then past meetings latest first', async () => {
    await meetingOn(t, '2031-01-10')
    await meetingOn(t, '2030-03-01')
    await meetingOn(t, '2020-05-05')
    await meetingOn(t, '2021-07-07')
    const page = await agent.get('/meetings').expect(200)
    const dates = textsOf(page.text, 'tbody tr td:first-child a')
    expect(dates).toEqual(['1 March 2030', '10 January 2031', '7 July 2021', '5 May 2020'])
    const captions = textsOf(page.text, 'caption')
    expect(captions).toEqual(['Upcoming meetings', 'Past meetings'])
  })

  it('edits a meeting and refuses to overwrite a change saved meanwhile', async () => {
    const meeting = await meetingOn(t)
    const opened = String(meeting.version)
    const first = await submitForm(
      agent,
      `/meetings/${meeting.id}/edit`,
      meetingFields({ location: 'Room 9', version: opened }),
    )
    expect(first.status).toBe(302)
    await meeting.reload()
    expect(meeting.location).toBe('Room 9')
    expect(meeting.version).toBe(1)
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'meeting_updated', entityId: meeting.id } })
    expect(audit!.details).toMatchObject({ fields: expect.arrayContaining(['location', 'theme']) })

    const stale = await submitForm(
      agent,
      `/meetings/${meeting.id}/edit`,
      meetingFields({ location: 'The old room', version: opened }),
    )
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][1]).toMatch(/Someone else changed this meeting/)
    expect($(stale.text)('#conflict').text()).toContain('Room 9')
    expect($(stale.text)('#location').val()).toBe('The old room')
    expect($(stale.text)('input[name=version]').val()).toBe('1')
    await meeting.reload()
    expect(meeting.location).toBe('Room 9')
  })

  it('invites active panel members with their capacity, adds external attendees, and removes members', async () => {
    const meeting = await meetingOn(t)
    const chair = await buildUser(t.services, { roles: ['panel_member'], name: 'Pat Chair' })
    const police = await buildUser(t.services, { roles: ['panel_member'], name: 'Sam Police' })
    const coordinatorOnly = await buildUser(t.services, { roles: ['coordinator'], name: 'Not A Member' })
    const retired = await buildUser(t.services, { roles: ['panel_member'], name: 'Retired Member' })
    await t.services.userService.setActive(retired.id, false, retired.version, systemContext())

    const page = await agent.get(`/meetings/${meeting.id}/members`).expect(200)
    const offered = attributesOf(page.text, 'input[name=invite]', 'value')
    expect(offered.sort()).toEqual([chair.id, police.id].sort())
    expect(offered).not.toContain(coordinatorOnly.id)

    const missingCapacity = await submitForm(agent, `/meetings/${meeting.id}/members`, {
      invite: [chair.id, police.id],
      [`capacity_${chair.id}`]: 'chair',
      [`capacity_${police.id}`]: '',
    })
    expect(missingCapacity.status).toBe(400)
    expect(fieldError(missingCapacity.text, `capacity_${police.id}`)).toBe('Select the capacity they sit in')
    expect($(missingCapacity.text)(`#capacity_${chair.id}`).val()).toBe('chair')

    const tampered = await submitForm(agent, `/meetings/${meeting.id}/members`, {
      invite: [coordinatorOnly.id],
      [`capacity_${coordinatorOnly.id}`]: 'chair',
    })
    expect(tampered.status).toBe(400)
    expect(await t.db.models.MeetingMember.count()).toBe(0)

    const invited = await submitForm(agent, `/meetings/${meeting.id}/members`, {
      invite: [chair.id, police.id],
      [`capacity_${chair.id}`]: 'chair',
      [`capacity_${police.id}`]: 'police',
    })
    expect(invited.status).toBe(302)
    const members = await t.db.models.MeetingMember.findAll({ where: { meetingId: meeting.id } })
    expect(members.map(m => [m.userId, m.capacity]).sort()).toEqual(
      [
        [chair.id, 'chair'],
        [police.id, 'police'],
      ].sort(),
    )

    const noName = await submitForm(
      agent,
      `/meetings/${meeting.id}/members`,
      {
        external_name: '',
        external_organisation: 'Northshire Hospital',
        external_capacity: 'paediatrician',
      },
      `/meetings/${meeting.id}/members/external`,
    )
    expect(noName.status).toBe(400)
    expect(fieldError(noName.text, 'external_name')).toBe('Enter the name of the attendee')
    expect($(noName.text)('#external_organisation').val()).toBe('Northshire Hospital')

    await submitForm(
      agent,
      `/meetings/${meeting.id}/members`,
      {
        external_name: 'Dr Jo Expert',
        external_organisation: 'Northshire Hospital',
        external_capacity: 'paediatrician',
      },
      `/meetings/${meeting.id}/members/external`,
    ).then(r => expect(r.status).toBe(302))
    const external = await t.db.models.MeetingMember.findOne({ where: { externalName: 'Dr Jo Expert' } })
    expect(external).toMatchObject({
      userId: null,
      capacity: 'paediatrician',
      externalOrganisation: 'Northshire Hospital',
    })

    const show = await agent.get(`/meetings/${meeting.id}`)
    const membersText = $(show.text)('#members').nextAll('table').first().text()
    expect(membersText).toContain('Pat Chair')
    expect(membersText).toContain('Dr Jo Expert')

    await submitForm(
      agent,
      `/meetings/${meeting.id}/members`,
      {},
      `/meetings/${meeting.id}/members/${external!.id}/remove`,
    ).then(r => expect(r.status).toBe(302))
    expect(await t.db.models.MeetingMember.count({ where: { meetingId: meeting.id } })).toBe(2)
    for (const action of ['meeting_members_invited', 'meeting_member_added', 'meeting_member_removed']) {
      expect(await t.db.models.AuditEvent.count({ where: { action, entityId: meeting.id } })).toBe(1)
    }
  })

  it('answers 404 for an unknown meeting and refuses other roles', async () => {
    await agent.get('/meetings/00000000-0000-4000-8000-000000000000').expect(404)
    await agent.get('/meetings/not-a-uuid').expect(404)
    const { agent: analyst } = await signedIn(t, ['public_health'])
    await analyst.get('/meetings').expect(403)
    const meeting = await meetingOn(t)
    await analyst.get(`/meetings/${meeting.id}`).expect(403)
  })
})
