import type { Role } from '../../../src/domain/codes'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, csrfTokenFrom, newAgent } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { changeAndPost, invite, postFields, scheduleCase, ScheduledCase } from './reviewSetup'

describe('who may record the panel review', () => {
  let t: TestApp
  let scheduled: ScheduledCase
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    scheduled = await scheduleCase(t)
  })
  afterAll(() => t.close())

  const person = async (roles: Role[]) => {
    const user = await buildUser(t.services, { roles })
    const agent = await signInAs(t, user)
    return { user, agent }
  }
  const tokenOf = async (agent: Agent) => csrfTokenFrom((await agent.get('/')).text)

  it('lets the panel member sitting as chair record it, and records who did', async () => {
    const { user, agent } = await person(['panel_member'])
    await invite(t, scheduled.meeting.id, user.id, 'chair')
    const page = await agent.get(scheduled.url).expect(200)
    // A panel member never sees the child's name on the page.
    expect(page.text).not.toContain(scheduled.record.familyName!)
    expect($(page.text)('a[href^="/cases/"]').length).toBe(0)
    const saved = await changeAndPost(agent, scheduled.url, { category: '10' }, '#review-form')
    expect(saved.status).toBe(302)
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'review_draft_saved' } })
    expect(audit!.actorUserId).toBe(user.id)
  })

  it('refuses a panel member who is invited but not the chair', async () => {
    const { user, agent } = await person(['panel_member'])
    await invite(t, scheduled.meeting.id, user.id, 'police')
    const page = await agent.get(scheduled.url)
    expect(page.status).toBe(403)
    expect(page.text).toContain('Only the coordinator or the chair of the meeting can record')
    const posted = await postFields(agent, scheduled.url, { _csrf: await tokenOf(agent), version: '0', category: '1' })
    expect(posted.status).toBe(403)
    expect(await t.db.models.CaseReview.count()).toBe(0)
  })

  it('refuses a panel member not invited to the meeting, and other roles', async () => {
    const outsider = await person(['panel_member'])
    // The same 404 whether or not the case is on the agenda: the answer tells an outsider nothing.
    const onAgenda = await outsider.agent.get(scheduled.url)
    const notOnAgenda = await outsider.agent.get(
      `/meetings/${scheduled.meeting.id}/cases/${(await buildCase(t.services)).id}/review`,
    )
    const noMeeting = await outsider.agent.get(
      `/meetings/00000000-0000-4000-8000-000000000000/cases/${scheduled.record.id}/review`,
    )
    for (const response of [onAgenda, notOnAgenda, noMeeting]) {
      expect(response.status).toBe(404)
      expect($(response.text)('h1').text()).toBe($(onAgenda.text)('h1').text())
    }
    for (const suffix of ['/finalise', '/defer']) {
      await outsider.agent.get(`${scheduled.url}${suffix}`).expect(404)
    }
    const analyst = await person(['public_health'])
    await analyst.agent.get(scheduled.url).expect(403)
    await newAgent(t.app).get(scheduled.url).expect(302) // not signed in: to the sign-in page
  })

  it('refuses anyone who declared an interest in the case, chair or coordinator', async () => {
    const chair = await person(['panel_member'])
    await invite(t, scheduled.meeting.id, chair.user.id, 'chair')
    const coordinator = await person(['coordinator'])
    for (const who of [chair, coordinator]) {
      await t.db.models.DeclarationOfInterest.create({
        meetingId: scheduled.meeting.id,
        caseId: scheduled.record.id,
        userId: who.user.id,
        description: 'Knows the family',
        recordedBy: null,
      })
      const page = await who.agent.get(scheduled.url)
      expect(page.status).toBe(403)
      expect(page.text).toContain('You declared an interest in this case')
      expect(page.text).toContain('ask the CDOP coordinator to withdraw it')
      expect(page.text).not.toContain('service administrator')
      expect(page.text).not.toContain('Your roles do not allow it')
      const token = await tokenOf(who.agent)
      await postFields(who.agent, scheduled.url, { _csrf: token, version: '0', category: '1' }).then(r =>
        expect(r.status).toBe(403),
      )
      await who.agent
        .post(`${scheduled.url}/autosave`)
        .set('Accept', 'application/json')
        .set('X-CSRF-Token', token)
        .send({ version: 0, learning_points: 'x' })
        .expect(403)
      await postFields(who.agent, `${scheduled.url}/finalise`, { _csrf: token, version: '0' }).then(r =>
        expect(r.status).toBe(403),
      )
    }
    expect(await t.db.models.CaseReview.count()).toBe(0)
  })
})
