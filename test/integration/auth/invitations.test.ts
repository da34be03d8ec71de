import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn, submitForm } from '../../helpers/agent'
import { linkSentTo } from '../../helpers/accountLinks'
import { recoveryCodesFrom, secretFrom, totpCode } from '../../helpers/secondFactor'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const PASSWORD = 'a passphrase of my own'

describe('invitations and reset links', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const asAdmin = async () => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
    return { agent, admin }
  }

  const invite = async (agent: ReturnType<typeof newAgent>, email = 'new.person@example.org') => {
    expect(
      (await submitForm(agent, '/admin/users/new', { name: 'New Person', email, roles: 'panel_member' })).status,
    ).toBe(302)
    return (await t.services.userService.findByEmail(email))!
  }

  it('writes the account, its link and the e-mail together, stores only the hash, and audits it', async () => {
    const { agent, admin } = await asAdmin()
    const person = await invite(agent)
    expect(person.passwordHash).toBeNull()
    const link = await linkSentTo(t, person.email, 'invitation')
    const token = link.split('/').pop()!
    const [rows] = await t.db.sequelize.query('SELECT token_hash FROM account_links')
    expect(JSON.stringify(rows)).not.toContain(token)
    const message = await t.db.models.OutboxMessage.findOne({ where: { toAddress: person.email } })
    expect(message!.subject).toContain('Your account')
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'user_invited', entityId: person.id } })
    expect(audit!.actorUserId).toBe(admin.id)
    // An invited person has no password: nothing they type signs them in.
    expect((await submitForm(newAgent(t.app), '/sign-in', { email: person.email, password: '' })).status).toBe(400)
    expect((await submitForm(newAgent(t.app), '/sign-in', { email: person.email, password: 'x' })).status).toBe(401)
  })

  it('works once: a used link gets a clear page, and the link is removed from the outbox', async () => {
    const { agent } = await asAdmin()
    const person = await invite(agent)
    const link = await linkSentTo(t, person.email, 'invitation')
    const page = await newAgent(t.app).get(link).expect(200)
    expect(page.text).toContain('Choose your password')
    expect(page.text).toContain(person.email)
    expect((await submitForm(newAgent(t.app), link, { password: PASSWORD, confirm_password: PASSWORD })).status).toBe(
      302,
    )
    const again = await newAgent(t.app).get(link)
    expect(again.status).toBe(410)
    expect(again.text).toContain('The link has already been used')
    const reused = await newAgent(t.app).get(link)
    expect(reused.text).not.toContain('Choose your password')
    const message = await t.db.models.OutboxMessage.findOne({ where: { toAddress: person.email } })
    expect(message!.bodyText).toContain('/invitation/[link removed]')
    await signIn(newAgent(t.app), person.email, PASSWORD)
  })

  it('refuses expired, tampered and malformed links with a clear page', async () => {
    const { agent } = await asAdmin()
    const person = await invite(agent)
    const link = await linkSentTo(t, person.email, 'invitation')
    const token = link.split('/').pop()!
    const tampered = `/invitation/${token.slice(0, -2)}${token.endsWith('AA') ? 'BA' : 'AA'}`
    const checks: [string, number, string][] = [
      [tampered, 404, 'not recognised'],
      ['/invitation/short', 404, 'not complete'],
      [`/invitation/${'x'.repeat(5000)}`, 404, 'not complete'],
      [`/reset-password/${token}`, 404, 'not recognised'],
    ]
    for (const [path, status, words] of checks) {
      const response = await newAgent(t.app).get(path)
      expect(response.status).toBe(status)
      expect(response.text).toContain(words)
    }
    await t.db.models.AccountLink.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { userId: person.id } })
    const expired = await newAgent(t.app).get(link)
    expect(expired.status).toBe(410)
    expect(expired.text).toContain('The link has expired')
    const post = await submitForm(newAgent(t.app), '/sign-in', {}, link)
    expect(post.status).toBe(410)
    expect((await t.services.userService.findById(person.id))!.passwordHash).toBeNull()
  })

  it('can be sent again (the old link stops working) or withdrawn, each audited', async () => {
    const { agent } = await asAdmin()
    const person = await invite(agent)
    const first = await linkSentTo(t, person.email, 'invitation')
    const page = await agent.get(`/admin/users/${person.id}`)
    expect(page.text).toContain('Invited: they have not chosen a password yet')
    expect(
      (await submitForm(agent, `/admin/users/${person.id}`, {}, `/admin/users/${person.id}/invitation/resend`)).status,
    ).toBe(302)
    const second = await linkSentTo(t, person.email, 'invitation')
    expect(second).not.toBe(first)
    expect((await newAgent(t.app).get(first)).status).toBe(410)
    await newAgent(t.app).get(second).expect(200)

    expect(
      (await submitForm(agent, `/admin/users/${person.id}`, {}, `/admin/users/${person.id}/invitation/revoke`)).status,
    ).toBe(302)
    expect((await newAgent(t.app).get(second)).status).toBe(410)
    const bodies = (await t.db.models.OutboxMessage.findAll({ where: { toAddress: person.email } })).map(
      m => m.bodyText,
    )
    bodies.forEach(body => expect(body).not.toMatch(/\/invitation\/[A-Za-z0-9_-]{43}/))
    const actions = (await t.db.models.AuditEvent.findAll({ where: { entityId: person.id } })).map(e => e.action)
    expect(actions).toEqual(expect.arrayContaining(['user_invited', 'invitation_resent', 'invitation_revoked']))
    const withdrawn = await agent.get(`/admin/users/${person.id}`)
    expect(withdrawn.text).toContain('the invitation has expired or was withdrawn')
  })

  it('when a second factor is required, the invited person sets it up at their first sign-in', async () => {
    const required = createTestApp({
      db: t.db,
      config: { ...t.services.config, mfa: { ...t.services.config.mfa, required: true } },
    })
    try {
      const person = await required.services.accountLinkService.invite(
        { name: 'Nia New', email: 'nia@example.org', roles: ['coordinator'] },
        { actorUserId: null, requestId: null, ip: null },
      )
      const link = await linkSentTo(t, person.email, 'invitation')
      expect(
        (await submitForm(newAgent(required.app), link, { password: PASSWORD, confirm_password: PASSWORD })).status,
      ).toBe(302)
      const agent = newAgent(required.app)
      expect((await signIn(agent, person.email, PASSWORD)).headers.location).toBe('/second-factor/set-up')
      const secret = secretFrom((await agent.get('/second-factor/set-up')).text)
      const done = await submitForm(agent, '/second-factor/set-up', { code: totpCode(secret) })
      expect(recoveryCodesFrom(done.text)).toHaveLength(10)
      await agent.get('/').expect(200)
    } finally {
      await required.close()
    }
  })

  it('lets an administrator reset a second factor (audited), and hides account e-mails from coordinators', async () => {
    const { agent } = await asAdmin()
    const person = await buildUser(t.services, { roles: ['coordinator'] })
    const own = newAgent(t.app)
    await signIn(own, person.email, TEST_PASSWORD)
    const secret = secretFrom((await own.get('/second-factor/set-up')).text)
    expect((await submitForm(own, '/second-factor/set-up', { code: totpCode(secret) })).status).toBe(200)

    const page = await agent.get(`/admin/users/${person.id}`)
    expect(page.text).toContain('They have set up an authenticator app')
    const fresh = (await t.services.userService.findById(person.id))!
    const stale = await submitForm(
      agent,
      `/admin/users/${person.id}`,
      { version: String(fresh.version + 1) },
      `/admin/users/${person.id}/second-factor/reset`,
    )
    expect(stale.status).toBe(302)
    expect((await t.services.userService.findById(person.id))!.mfaEnrolledAt).not.toBeNull()
    expect(
      (
        await submitForm(
          agent,
          `/admin/users/${person.id}`,
          { version: String(fresh.version) },
          `/admin/users/${person.id}/second-factor/reset`,
        )
      ).status,
    ).toBe(302)
    const after = (await t.services.userService.findById(person.id))!
    expect(after.mfaEnrolledAt).toBeNull()
    expect(after.mfaSecretEncrypted).toBeNull()
    expect(await t.db.models.RecoveryCode.count({ where: { userId: person.id } })).toBe(0)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'second_factor_reset', entityId: person.id } })).toBe(
      1,
    )
    // Not required here, so they sign in with the password alone until they set up a new one.
    expect((await signIn(newAgent(t.app), person.email, TEST_PASSWORD)).headers.location).toBe('/')

    // The reset link e-mail is not readable by a coordinator in the Outbox.
    expect(
      (await submitForm(agent, `/admin/users/${person.id}`, {}, `/admin/users/${person.id}/password-reset`)).status,
    ).toBe(302)
    const message = await t.db.models.OutboxMessage.findOne({ where: { kind: 'password_reset' } })
    const coordinator = newAgent(t.app)
    await signIn(coordinator, person.email, TEST_PASSWORD)
    await coordinator.get(`/outbox/${message!.id}`).expect(404)
    await agent.get(`/outbox/${message!.id}`).expect(200)
  })
})
