import { buildUser, TEST_PASSWORD } from '../../factories'
import { csrfTokenFrom, newAgent, signIn, submitForm } from '../../helpers/agent'
import { errorSummary } from '../../helpers/html'
import { linkSentTo } from '../../helpers/accountLinks'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const NEW_PASSWORD = 'another long passphrase'

describe('administrators manage accounts', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const asAdmin = async () => {
    const admin = await buildUser(t.services, { roles: ['admin'], name: 'Ada Admin' })
    const agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
    return { agent, admin }
  }

  it('invites a coordinator, who chooses their own password through the link and can then sign in', async () => {
    const { agent } = await asAdmin()
    const response = await submitForm(agent, '/admin/users/new', {
      name: 'Casey Coordinator',
      email: 'Casey@Example.org',
      roles: ['coordinator', 'panel_member'],
    })
    expect(response.status).toBe(302)
    const list = await agent.get('/admin/users')
    expect(list.text).toContain('Invitation sent to Casey Coordinator')
    expect(list.text).toContain('Coordinator, Panel member')
    expect(list.text).toContain('Invited')
    const link = await linkSentTo(t, 'Casey@Example.org', 'invitation')
    const chosen = await submitForm(newAgent(t.app), link, { password: NEW_PASSWORD, confirm_password: NEW_PASSWORD })
    expect(chosen.status).toBe(302)
    await signIn(newAgent(t.app), 'casey@example.org', NEW_PASSWORD)
  })

  it('refuses a duplicate address whatever its case, keeping the form', async () => {
    const { agent } = await asAdmin()
    await buildUser(t.services, { email: 'taken@example.org' })
    const response = await submitForm(agent, '/admin/users/new', {
      name: 'Second',
      email: 'TAKEN@example.org',
      roles: 'coordinator',
    })
    expect(response.status).toBe(409)
    expect(errorSummary(response.text)).toEqual([['#email', 'An account with this email address already exists']])
    expect(response.text).toContain('value="TAKEN@example.org"')
  })

  it('explains every problem and refuses forged role codes', async () => {
    const { agent } = await asAdmin()
    const none = await submitForm(agent, '/admin/users/new', { name: '', email: '' })
    expect(errorSummary(none.text).map(([href]) => href)).toEqual(['#name', '#email', '#roles'])
    const forged = await submitForm(agent, '/admin/users/new', {
      name: 'Mallory',
      email: 'mallory@example.org',
      roles: ['superuser'],
    })
    expect(forged.status).toBe(400)
    expect(errorSummary(forged.text)).toEqual([['#roles', 'Select roles from the list']])
    expect(forged.text).toContain('value="Mallory"')
  })

  it('changes roles, and tells the second of two editors what the first saved, keeping their input', async () => {
    const { agent } = await asAdmin()
    const target = await buildUser(t.services, { roles: ['panel_member'], name: 'Pat Panel' })
    const url = `/admin/users/${target.id}`
    const pageA = await agent.get(url)
    const pageB = await agent.get(url)
    const post = (page: string, fields: Record<string, string | string[]>) =>
      agent
        .post(url)
        .type('form')
        .send(
          new URLSearchParams([
            ['_csrf', csrfTokenFrom(page)],
            ['version', String(target.version)],
            ...Object.entries(fields).flatMap(([k, v]) =>
              ([] as string[]).concat(v).map(x => [k, x] as [string, string]),
            ),
          ] as [string, string][]).toString(),
        )

    await post(pageA.text, { name: 'Pat Panel', roles: ['panel_member', 'coordinator'] }).expect(302)
    const second = await post(pageB.text, { name: 'Patricia Panel', roles: ['public_health'] })
    expect(second.status).toBe(409)
    expect(second.text).toContain('Someone else changed this account')
    expect(second.text).toContain('Coordinator') // what the first editor saved
    expect(second.text).toContain('value="Patricia Panel"') // what this editor typed
    const stored = await t.services.userService.findById(target.id)
    expect(stored!.roles).toEqual(['panel_member', 'coordinator'])
    expect(await t.db.models.AuditEvent.count({ where: { action: 'user_updated', entityId: target.id } })).toBe(1)
  })

  it('deactivates and reactivates an account, and will not let an administrator lock themselves out', async () => {
    const { agent, admin } = await asAdmin()
    const target = await buildUser(t.services)
    expect(
      (
        await submitForm(
          agent,
          `/admin/users/${target.id}`,
          { active: 'false', version: '0' },
          `/admin/users/${target.id}/active`,
        )
      ).status,
    ).toBe(302)
    expect((await t.services.userService.findById(target.id))!.active).toBe(false)
    expect(
      (
        await submitForm(
          agent,
          `/admin/users/${target.id}`,
          { active: 'true', version: '1' },
          `/admin/users/${target.id}/active`,
        )
      ).status,
    ).toBe(302)
    expect((await t.services.userService.findById(target.id))!.active).toBe(true)

    const self = await submitForm(
      agent,
      `/admin/users/${admin.id}`,
      { active: 'false', version: '0' },
      `/admin/users/${admin.id}/active`,
    )
    expect(self.status).toBe(302)
    expect((await agent.get(`/admin/users/${admin.id}`)).text).toContain('You cannot deactivate your own account')
    expect((await t.services.userService.findById(admin.id))!.active).toBe(true)
    const actions = (await t.db.models.AuditEvent.findAll({ where: { entityId: target.id } })).map(e => e.action)
    expect(actions).toEqual(expect.arrayContaining(['user_deactivated', 'user_reactivated']))
  })

  it('sends a locked-out person a reset link; they choose a new password and can sign in at once', async () => {
    const { agent } = await asAdmin()
    const person = await buildUser(t.services, { name: 'Lou Locked' })
    for (let i = 0; i < 5; i += 1)
      await submitForm(newAgent(t.app), '/sign-in', { email: person.email, password: 'wrong' })
    const locked = await submitForm(newAgent(t.app), '/sign-in', { email: person.email, password: TEST_PASSWORD })
    expect(locked.status).toBe(429)

    // The administrator never types the password: there is no page for it any more.
    await agent.get(`/admin/users/${person.id}/password`).expect(404)
    const sent = await submitForm(agent, `/admin/users/${person.id}`, {}, `/admin/users/${person.id}/password-reset`)
    expect(sent.status).toBe(302)
    const link = await linkSentTo(t, person.email, 'reset-password')
    const weak = await submitForm(newAgent(t.app), link, { password: 'short', confirm_password: 'short' })
    expect(weak.status).toBe(400)
    expect(errorSummary(weak.text)).toEqual([['#password', 'Password must be 12 characters or more']])
    const set = await submitForm(newAgent(t.app), link, { password: NEW_PASSWORD, confirm_password: NEW_PASSWORD })
    expect(set.status).toBe(302)
    await signIn(newAgent(t.app), person.email, NEW_PASSWORD)
    expect(
      await t.db.models.AuditEvent.count({ where: { action: 'password_reset_completed', entityId: person.id } }),
    ).toBe(1)
  })

  it('answers 404 for an unknown or malformed account id', async () => {
    const { agent } = await asAdmin()
    await agent.get('/admin/users/00000000-0000-4000-8000-000000000000').expect(404)
    await agent.get('/admin/users/not-a-uuid').expect(404)
  })
})
