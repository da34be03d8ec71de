import { systemContext } from '../../../src/services/auditContext'
import { submitForm } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { invite, meetingOn, onAgenda, readyCase, signedIn } from './meetingSetup'

describe('what a panel member can reach', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  /** Two meetings, each with a case; the panel member is invited to the first only. */
  const setUp = async () => {
    const coordinator = await signedIn(t, ['coordinator'])
    const member = await signedIn(t, ['panel_member'], 'Pat Member')
    const mine = await meetingOn(t, '2030-06-04')
    const other = await meetingOn(t, '2030-07-01')
    const [a, b, c] = [await readyCase(t), await readyCase(t), await readyCase(t)]
    await onAgenda(t, mine.id, a, b)
    await onAgenda(t, other.id, c)
    await invite(t, mine.id, member.user.id, 'police')
    return { coordinator, member, mine, other, a, b, c }
  }

  it('lists only the meetings they are invited to', async () => {
    const { member, mine, other } = await setUp()
    const page = await member.agent.get('/meetings').expect(200)
    expect(page.text).toContain(`/meetings/${mine.id}`)
    expect(page.text).not.toContain(`/meetings/${other.id}`)
    expect($(page.text)('a:contains("Schedule a meeting")')).toHaveLength(0)
    const nav = $(page.text)('.govuk-service-navigation__list').text()
    expect(nav).toContain('Meetings')
    expect(nav).not.toContain('Cases')
  })

  it('opens their meeting with the agenda and pack links, and nothing a coordinator manages', async () => {
    const { member, mine, a, b } = await setUp()
    const page = await member.agent.get(`/meetings/${mine.id}`).expect(200)
    expect(page.text).toContain(`/meetings/${mine.id}/cases/${a.id}/pack`)
    expect(page.text).toContain(`/meetings/${mine.id}/cases/${b.id}/pack`)
    expect(page.text).not.toContain(`/cases/${a.id}"`)
    expect(page.text).not.toContain('/agenda/')
    expect(page.text).not.toContain('Record attendance')
  })

  it('answers 403 for a meeting they are not invited to, however the URL is reached', async () => {
    const { member, other, c } = await setUp()
    const urls = [
      `/meetings/${other.id}`,
      `/meetings/${other.id}/pack`,
      `/meetings/${other.id}/cases/${c.id}/pack`,
      `/meetings/${other.id}/cases/${c.id}/interest`,
      `/meetings/00000000-0000-4000-8000-000000000000`,
      `/meetings/not-a-meeting/cases/${c.id}/pack`,
    ]
    for (const url of urls) {
      const response = await member.agent.get(url)
      expect([url, response.status]).toEqual([url, 403])
      expect(response.text).not.toContain(c.caseRef)
    }
    const post = await submitForm(member.agent, '/meetings', {}, `/meetings/${other.id}/cases/${c.id}/interest`)
    expect(post.status).toBe(403)
  })

  it('answers 403 for a case that is not on the agenda of their meeting', async () => {
    const { member, mine, c } = await setUp()
    const response = await member.agent.get(`/meetings/${mine.id}/cases/${c.id}/pack`)
    expect(response.status).toBe(403)
    expect(response.text).not.toContain(c.caseRef)
    await member.agent.get(`/meetings/${mine.id}/cases/00000000-0000-4000-8000-000000000000/pack`).expect(403)
    await member.agent.get(`/meetings/${mine.id}/cases/nonsense/pack`).expect(403)
  })

  it('never reaches the pages that run a meeting, or the case records', async () => {
    const { member, mine, a } = await setUp()
    for (const url of [
      '/meetings/new',
      `/meetings/${mine.id}/edit`,
      `/meetings/${mine.id}/members`,
      `/meetings/${mine.id}/attendance`,
      `/meetings/${mine.id}/agenda/add`,
      `/meetings/${mine.id}/declarations`,
      `/meetings/${mine.id}/minutes`,
      `/cases/${a.id}`,
      '/cases',
      '/settings/quorum',
    ]) {
      const response = await member.agent.get(url)
      expect([url, response.status]).toEqual([url, 403])
    }
    const item = await t.db.models.AgendaItem.findOne({ where: { caseId: a.id } })
    const removal = await submitForm(member.agent, '/meetings', {}, `/meetings/${mine.id}/agenda/${item!.id}/remove`)
    expect(removal.status).toBe(403)
    await item!.reload()
    expect(item!.outcome).toBe('pending')
  })

  it('shows a pack they may see, and audits each view', async () => {
    const { member, mine, a } = await setUp()
    const response = await member.agent.get(`/meetings/${mine.id}/cases/${a.id}/pack`).expect(200)
    expect(response.text).toContain(`Case ${a.caseRef}`)
    expect(response.headers['cache-control']).toBe('no-store')
    const audit = await t.db.models.AuditEvent.findOne({
      where: { action: 'pack_viewed', actorUserId: member.user.id },
    })
    expect(audit).toMatchObject({
      entityType: 'meeting',
      entityId: mine.id,
      details: { caseIds: [a.id], whole: false },
    })
  })

  it('closes a case to a member who declares an interest, explaining why, and hides it from their list', async () => {
    const { member, mine, a, b } = await setUp()
    const form = await member.agent.get(`/meetings/${mine.id}/cases/${a.id}/interest`).expect(200)
    expect($(form.text)('h1').text()).toContain(a.caseRef)
    const declared = await submitForm(member.agent, `/meetings/${mine.id}/cases/${a.id}/interest`, {
      description: 'I knew the family through work',
    })
    expect(declared.status).toBe(302)
    const declaration = await t.db.models.DeclarationOfInterest.findOne()
    expect(declaration).toMatchObject({
      meetingId: mine.id,
      caseId: a.id,
      userId: member.user.id,
      recordedBy: member.user.id,
      description: 'I knew the family through work',
    })
    expect(await t.services.meetingService.hasDeclaredInterest(mine.id, a.id, member.user.id)).toBe(true)
    expect(await t.services.meetingService.canSeePack(member.user, mine.id, a.id)).toBe(false)
    expect(await t.services.meetingService.canSeePack(member.user, mine.id, b.id)).toBe(true)

    const refused = await member.agent.get(`/meetings/${mine.id}/cases/${a.id}/pack`)
    expect(refused.status).toBe(403)
    expect($(refused.text)('h1').text()).toBe('You declared an interest in this case')
    expect(refused.text).not.toContain('service administrator')
    expect(refused.text).toContain('ask the CDOP coordinator to withdraw it')

    const meetingPage = await member.agent.get(`/meetings/${mine.id}`)
    const agenda = $(meetingPage.text)('#agenda').nextAll('table').first().text()
    expect(agenda).toContain(b.caseRef)
    expect(agenda).not.toContain(a.caseRef)
    expect(meetingPage.text).not.toContain(`/cases/${a.id}/pack`)
    expect($(meetingPage.text)('main').text()).toContain('Cases you declared an interest in')

    const whole = await member.agent.get(`/meetings/${mine.id}/pack`).expect(200)
    expect(whole.text).toContain(`Case ${b.caseRef}`)
    expect(whole.text).not.toContain(a.caseRef)
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'interest_declared', entityId: a.id } })
    expect(audit!.details).toMatchObject({ meetingId: mine.id, userId: member.user.id, selfDeclared: true })
  })

  it('lets the coordinator record and withdraw a declaration for a member', async () => {
    const { coordinator, member, mine, a } = await setUp()
    const missing = await submitForm(coordinator.agent, `/meetings/${mine.id}/declarations`, { member: '', case: a.id })
    expect(missing.status).toBe(400)
    expect(errorSummary(missing.text)).toEqual([['#member', 'Select the member who declared an interest']])
    expect($(missing.text)('#case').val()).toBe(a.id)

    const recorded = await submitForm(coordinator.agent, `/meetings/${mine.id}/declarations`, {
      member: member.user.id,
      case: a.id,
      description: 'Treated the child',
    })
    expect(recorded.status).toBe(302)
    await member.agent.get(`/meetings/${mine.id}/cases/${a.id}/pack`).expect(403)
    const again = await submitForm(coordinator.agent, `/meetings/${mine.id}/declarations`, {
      member: member.user.id,
      case: a.id,
      description: '',
    })
    expect(again.status).toBe(409)
    expect(errorSummary(again.text)[0][1]).toBe('An interest in this case is already declared for that person')
    const overview = await coordinator.agent.get(`/meetings/${mine.id}`)
    expect($(overview.text)('#declarations').nextAll('table').first().text()).toContain('Pat Member')

    const declaration = await t.db.models.DeclarationOfInterest.findOne()
    await submitForm(
      coordinator.agent,
      `/meetings/${mine.id}/declarations`,
      {},
      `/meetings/${mine.id}/declarations/${declaration!.id}/withdraw`,
    ).then(r => expect(r.status).toBe(302))
    await member.agent.get(`/meetings/${mine.id}/cases/${a.id}/pack`).expect(200)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'interest_withdrawn', entityId: a.id } })).toBe(1)
  })

  it('refuses a declaration for someone who is not an invited account, or a case not on the agenda', async () => {
    const { coordinator, mine, c } = await setUp()
    const outsider = await signedIn(t, ['panel_member'])
    const notInvited = await submitForm(coordinator.agent, `/meetings/${mine.id}/declarations`, {
      member: outsider.user.id,
      case: c.id,
    })
    expect(notInvited.status).toBe(400)
    expect(errorSummary(notInvited.text)[0][1]).toBe('Select a panel member invited to this meeting')
    expect(await t.db.models.DeclarationOfInterest.count()).toBe(0)
  })

  it('lets coordinators and administrators see every pack, and nobody else', async () => {
    const { mine, a, member } = await setUp()
    const { user: admin } = await signedIn(t, ['admin'])
    const { user: analyst } = await signedIn(t, ['public_health'])
    expect(await t.services.meetingService.canSeePack(admin, mine.id, a.id)).toBe(true)
    expect(await t.services.meetingService.canSeePack(analyst, mine.id, a.id)).toBe(false)
    await t.services.meetingService.removeMember(
      mine.id,
      (await t.db.models.MeetingMember.findOne({ where: { userId: member.user.id } }))!.id,
      systemContext(),
    )
    expect(await t.services.meetingService.canSeePack(member.user, mine.id, a.id)).toBe(false)
    await member.agent.get(`/meetings/${mine.id}`).expect(403)
  })
})
