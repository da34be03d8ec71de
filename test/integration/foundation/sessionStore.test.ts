import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn } from '../../helpers/agent'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

/** Sessions stay rows in PostgreSQL; the account comes with the session read; the expiry is written back sparingly. */
describe('the PostgreSQL session store', () => {
  let t: TestApp
  beforeAll(() => (t = createTestApp()))
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const sessionRows = async () =>
    (
      (await t.db.sequelize.query('SELECT sid, expire FROM session ORDER BY expire')) as [
        { sid: string; expire: Date }[],
        unknown,
      ]
    )[0]

  it('keeps the session in the database, renews its expiry at most once a minute, and signs out when the row goes', async () => {
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    const [row] = await sessionRows()
    expect(row.expire.getTime() - Date.now()).toBeGreaterThan(29 * 60_000)

    // Pretend the last write was two minutes ago: the next request writes a fresh expiry.
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
    expect((await agent.get('/')).status).toBe(302)
  })

  it('reads the account with the session: a change of name or roles shows on the very next request', async () => {
    const user = await buildUser(t.services, { roles: ['coordinator', 'admin'], name: 'Ada Before' })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    await agent.get('/admin/users').expect(200)
    expect((await agent.get('/')).text).toContain('Ada Before')
    await t.db.models.User.update({ name: 'Ada After', roles: ['coordinator'] }, { where: { id: user.id } })
    const home = await agent.get('/')
    expect(home.text).toContain('Ada After')
    expect((await agent.get('/admin/users')).status).toBe(403)
  })

  it('treats a session naming no account, or a malformed one, as signed out', async () => {
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    for (const forged of ['"00000000-0000-4000-8000-000000000000"', '"not-a-uuid\'; DROP TABLE users; --"', '42']) {
      await t.db.sequelize.query(
        `UPDATE session SET sess = jsonb_set(sess::jsonb, '{passport,user}', '${forged.replace(/'/g, "''")}'::jsonb)::json`,
      )
      expect((await agent.get('/')).status).toBe(302)
    }
    expect(await t.db.models.User.count()).toBe(1)
  })
})
