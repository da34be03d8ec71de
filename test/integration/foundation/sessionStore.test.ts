import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn, submitForm } from '../../helpers/agent'
import { secretFrom, totpCode } from '../../helpers/secondFactor'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

/**
 * Sessions stay rows in PostgreSQL; the account is read in the same query as the session (so it is
 * never read again, and never stale); the rolling expiry is written back at most once a minute.
 */
describe('the PostgreSQL session store', () => {
  let t: TestApp
  let strict: TestApp
  beforeAll(() => {
    t = createTestApp()
    strict = createTestApp({
      db: t.db,
      config: { ...t.services.config, mfa: { ...t.services.config.mfa, required: true } },
    })
  })
  beforeEach(() => resetDatabase(t.db))
  afterEach(() => jest.restoreAllMocks())
  afterAll(async () => {
    await strict.close()
    await t.close()
  })

  const sessionRows = async () =>
    (
      (await t.db.sequelize.query('SELECT sid, expire, sess FROM session ORDER BY expire')) as [
        { sid: string; expire: Date; sess: Record<string, unknown> }[],
        unknown,
      ]
    )[0]

  it('keeps the session in the database, renews its expiry at most once a minute, and signs out when the row expires', async () => {
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    const [row] = await sessionRows()
    expect(row.expire.getTime() - Date.now()).toBeGreaterThan(29 * 60_000)

    // As if the last write were two minutes ago: the next request writes a fresh expiry.
    await t.db.sequelize.query(`UPDATE session SET expire = expire - interval '2 minutes'`)
    const aged = (await sessionRows())[0].expire.getTime()
    await agent.get('/').expect(200)
    const renewed = (await sessionRows())[0].expire.getTime()
    expect(renewed - aged).toBeGreaterThan(100_000)

    // Within the minute, requests leave the row alone (the cookie still rolls).
    const response = await agent.get('/').expect(200)
    expect(String(response.headers['set-cookie'])).toMatch(/cdop\.session=/)
    expect((await sessionRows())[0].expire.getTime()).toBe(renewed)

    // An expired row is never served, whatever the cookie says.
    await t.db.sequelize.query(`UPDATE session SET expire = now() - interval '1 second'`)
    const after = await agent.get('/')
    expect(after.status).toBe(302)
    expect(after.headers.location).toBe('/sign-in?timedOut=1')
  })

  it('reads the account with the session, not again: a change of name or roles shows on the very next request', async () => {
    const user = await buildUser(t.services, { roles: ['coordinator', 'admin'], name: 'Ada Before' })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    const lookups = jest.spyOn(t.services.userService, 'findById')
    await agent.get('/admin/users').expect(200)
    expect((await agent.get('/')).text).toContain('Ada Before')
    expect(lookups).not.toHaveBeenCalled()

    // Changed directly in the database, as another instance would: seen at once.
    await t.db.sequelize.query(`UPDATE users SET name = 'Ada After', roles = '{coordinator}' WHERE id = :id`, {
      replacements: { id: user.id },
    })
    expect((await agent.get('/')).text).toContain('Ada After')
    expect((await agent.get('/admin/users')).status).toBe(403)
  })

  it('signs a deactivated account out on its very next request', async () => {
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    await agent.get('/cases').expect(200)
    await t.db.sequelize.query('UPDATE users SET active = false WHERE id = :id', { replacements: { id: user.id } })
    const response = await agent.get('/cases')
    expect(response.status).toBe(302)
    expect(response.headers.location).toMatch(/^\/sign-in/)
    // The session no longer names the account, so reactivating it does not sign anyone back in.
    expect((await sessionRows()).every(row => !(row.sess.passport as { user?: string } | undefined)?.user)).toBe(true)
    await t.db.sequelize.query('UPDATE users SET active = true WHERE id = :id', { replacements: { id: user.id } })
    expect((await agent.get('/cases')).status).toBe(302)
  })

  it('treats a session naming no account, or a malformed one, as signed out', async () => {
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    for (const forged of [
      '"00000000-0000-4000-8000-000000000000"',
      '"not-a-uuid\'; DROP TABLE users; --"',
      '42',
      '{"id": "x"}',
      `"${'a'.repeat(5000)}"`,
    ]) {
      await t.db.sequelize.query(
        `UPDATE session SET sess = jsonb_set(sess::jsonb, '{passport}', jsonb_build_object('user', :forged::jsonb))::json`,
        { replacements: { forged } },
      )
      expect((await agent.get('/')).status).toBe(302)
    }
    expect(await t.db.models.User.count()).toBe(1)
  })

  it('keeps a half-signed-in session (password right, second factor to come) away from every page, then signs it in', async () => {
    const user = await buildUser(strict.services, { roles: ['coordinator', 'admin'] })
    const agent = newAgent(strict.app)
    const afterPassword = await signIn(agent, user.email, TEST_PASSWORD)
    expect(afterPassword.headers.location).toBe('/second-factor/set-up')
    const [halfway] = await sessionRows()
    expect(halfway.sess.pendingSignIn).toBeDefined()
    expect(halfway.sess.passport).toBeUndefined()

    const lookups = jest.spyOn(strict.services.userService, 'findById')
    // Also after the minute in which its row is left alone: the pending step still comes first.
    for (const aged of [false, true]) {
      if (aged) await t.db.sequelize.query(`UPDATE session SET expire = expire - interval '2 minutes'`)
      for (const path of ['/', '/cases', '/admin/users', '/statistics/report']) {
        const response = await agent.get(path)
        expect(response.status).toBe(302)
        expect(response.headers.location).toBe('/second-factor/set-up')
      }
    }
    expect(lookups).not.toHaveBeenCalled()

    const page = await agent.get('/second-factor/set-up').expect(200)
    const done = await submitForm(agent, '/second-factor/set-up', { code: totpCode(secretFrom(page.text)) })
    expect(done.status).toBe(200)
    await agent.get('/cases').expect(200)
    const [signedIn] = await sessionRows()
    expect(signedIn.sid).not.toBe(halfway.sid)
    expect((signedIn.sess.passport as { user: string }).user).toBe(user.id)
    expect(signedIn.sess.pendingSignIn).toBeUndefined()
  })

  it('ends a half-signed-in session after its ten minutes even though its row is not rewritten on every request', async () => {
    const user = await buildUser(strict.services, { roles: ['coordinator'] })
    const agent = newAgent(strict.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    await t.db.sequelize.query(
      `UPDATE session SET sess = jsonb_set(sess::jsonb, '{pendingSignIn,startedAt}', to_jsonb(:at::bigint))::json`,
      { replacements: { at: Date.now() - 11 * 60_000 } },
    )
    const response = await agent.get('/cases')
    expect(response.status).toBe(302)
    expect(response.headers.location).toMatch(/^\/sign-in/)
    expect((await agent.get('/second-factor/set-up')).headers.location).toMatch(/^\/sign-in/)
  })
})
