import type { MeetingCapacity } from '../../../src/domain/codes'
import { systemContext } from '../../../src/services/auditContext'
import { Agent, submitForm } from '../../helpers/agent'
import { $, errorSummary, fieldError, attributesOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { meetingOn, signedIn } from './meetingSetup'

describe('attendance and quorum', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    ;({ agent } = await signedIn(t))
  })
  afterAll(() => t.close())

  /** A meeting with external attendees in the given capacities (the default rule needs 5 and four capacities). */
  const meetingWith = async (capacities: MeetingCapacity[]) => {
    const meeting = await meetingOn(t)
    for (const [i, capacity] of capacities.entries()) {
      await t.services.meetingService.addExternal(
        meeting.id,
        { name: `Attendee ${i + 1}`, organisation: null, capacity },
        systemContext(),
      )
    }
    const members = await t.db.models.MeetingMember.findAll({ where: { meetingId: meeting.id } })
    members.sort((a, b) => a.externalName!.localeCompare(b.externalName!))
    return { meeting, members }
  }

  const attendance = (
    meetingId: string,
    members: { id: string; capacity: string }[],
    present: string[],
    version: number,
    capacityOverrides: Record<string, string> = {},
  ) =>
    submitForm(agent, `/meetings/${meetingId}/attendance`, {
      version: String(version),
      attended: present,
      ...Object.fromEntries(members.map(m => [`capacity_${m.id}`, capacityOverrides[m.id] ?? m.capacity])),
    })

  const quorumText = async (meetingId: string) => $((await agent.get(`/meetings/${meetingId}`)).text)('#quorum').text()

  it('shows a meeting without attendance as not quorate, saying so', async () => {
    const { meeting } = await meetingWith(['chair', 'paediatrician'])
    const text = await quorumText(meeting.id)
    expect(text).toContain('Not quorate')
    expect(text).toContain('Attendance has not been recorded yet')
    expect(text).toContain('0 present: 5 more needed to reach 5')
    expect(text).toContain("Nobody present as: Chair, Paediatrician, Police, Children's social care")
    expect(await t.services.meetingService.quorum(meeting.id)).toEqual({
      quorate: false,
      present: 0,
      missingCapacities: ['chair', 'paediatrician', 'police', 'social_care'],
      shortBy: 5,
    })
  })

  it('records attendance and capacity, and shows who or what is missing', async () => {
    const { meeting, members } = await meetingWith(['chair', 'paediatrician', 'police', 'social_care', 'lay_member'])
    const [chair, paed, police, social, lay] = members
    const page = await agent.get(`/meetings/${meeting.id}/attendance`).expect(200)
    expect($(page.text)(`#capacity_${chair.id}`).val()).toBe('chair')

    // The police representative sent apologies; the lay member sat as chair instead of the chair.
    const response = await attendance(meeting.id, members, [paed.id, social.id, lay.id, chair.id], meeting.version)
    expect(response.status).toBe(302)
    await police.reload()
    expect(police.attended).toBe(false)
    await chair.reload()
    expect(chair.attended).toBe(true)
    const text = await quorumText(meeting.id)
    expect(text).toContain('Not quorate')
    expect(text).toContain('4 present: 1 more needed to reach 5')
    expect(text).toContain('Nobody present as: Police')
    expect(await t.db.models.AuditEvent.count({ where: { action: 'meeting_attendance_recorded' } })).toBe(1)

    await meeting.reload()
    const quorate = await attendance(
      meeting.id,
      members,
      members.map(m => m.id),
      meeting.version,
      {
        [lay.id]: 'other',
      },
    )
    expect(quorate.status).toBe(302)
    await lay.reload()
    expect(lay.capacity).toBe('other')
    const after = await quorumText(meeting.id)
    expect(after).toContain('Quorate')
    expect(after).not.toContain('Not quorate')
    expect((await t.services.meetingService.quorum(meeting.id)).quorate).toBe(true)
  })

  it('keeps the typed attendance when a capacity is missing, and refuses a stale form', async () => {
    const { meeting, members } = await meetingWith(['chair', 'police'])
    const bad = await attendance(meeting.id, members, [members[0].id], meeting.version, { [members[1].id]: '' })
    expect(bad.status).toBe(400)
    expect(fieldError(bad.text, `capacity_${members[1].id}`)).toBe('Select the capacity they sat in')
    expect($(bad.text)(`input[name=attended][value=${members[0].id}]`).attr('checked')).toBeDefined()
    expect($(bad.text)(`input[name=attended][value=${members[1].id}]`).attr('checked')).toBeUndefined()

    const opened = meeting.version
    await attendance(meeting.id, members, [members[0].id], opened).then(r => expect(r.status).toBe(302))
    const stale = await attendance(meeting.id, members, [members[1].id], opened)
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][1]).toMatch(/Someone else changed this meeting/)
    expect($(stale.text)(`input[name=attended][value=${members[1].id}]`).attr('checked')).toBeDefined()
    await members[1].reload()
    expect(members[1].attended).toBe(false)
  })

  describe('the quorum rule setting', () => {
    let admin: Agent
    beforeEach(async () => {
      ;({ agent: admin } = await signedIn(t, ['admin']))
    })

    it('is for administrators only', async () => {
      await agent.get('/settings/quorum').expect(403)
      const { agent: panel } = await signedIn(t, ['panel_member'])
      await panel.get('/settings/quorum').expect(403)
      await admin.get('/settings/quorum').expect(200)
    })

    it('changes the rule, which changes whether a meeting is quorate, with an audit row', async () => {
      const { meeting, members } = await meetingWith(['chair', 'police'])
      await attendance(
        meeting.id,
        members,
        members.map(m => m.id),
        meeting.version,
      )
      expect(await quorumText(meeting.id)).toContain('Not quorate')

      const page = await admin.get('/settings/quorum')
      expect($(page.text)('#minimum_members').val()).toBe('5')
      expect(attributesOf(page.text, 'input[name=required_capacities]:checked', 'value')).toEqual([
        'chair',
        'paediatrician',
        'police',
        'social_care',
      ])

      const saved = await submitForm(admin, '/settings/quorum', {
        version: String($(page.text)('input[name=version]').val()),
        minimum_members: '2',
        required_capacities: ['police', 'chair'],
      })
      expect(saved.status).toBe(302)
      expect(await t.services.quorumRuleService.current()).toMatchObject({
        rule: { minimumMembers: 2, requiredCapacities: ['chair', 'police'] },
      })
      const text = await quorumText(meeting.id)
      expect(text).toContain('Quorate')
      expect(text).toContain('The rule: at least 2 present, including chair, police')
      const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'quorum_rule_changed' } })
      expect(audit!.details).toMatchObject({
        from: { minimumMembers: 5 },
        to: { minimumMembers: 2, requiredCapacities: ['chair', 'police'] },
      })
    })

    it('checks the values and refuses to overwrite a change saved meanwhile', async () => {
      const bad = await submitForm(admin, '/settings/quorum', {
        version: '0',
        minimum_members: 'five',
        required_capacities: ['chair', 'wizard'],
      })
      expect(bad.status).toBe(400)
      expect(errorSummary(bad.text)).toEqual([
        ['#minimum_members', 'Minimum number must be a whole number, like 5'],
        ['#required_capacities', 'Select capacities from the list'],
      ])
      expect($(bad.text)('#minimum_members').val()).toBe('five')

      await submitForm(admin, '/settings/quorum', { version: '0', minimum_members: '4', required_capacities: [] })
      const stale = await submitForm(admin, '/settings/quorum', {
        version: '0',
        minimum_members: '7',
        required_capacities: ['chair'],
      })
      expect(stale.status).toBe(409)
      expect(errorSummary(stale.text)[0][1]).toMatch(
        /Someone else changed the quorum rule.*The rule is now at least 4 present/,
      )
      expect($(stale.text)('#minimum_members').val()).toBe('7')
      expect((await t.services.quorumRuleService.current()).rule.minimumMembers).toBe(4)
    })
  })
})
