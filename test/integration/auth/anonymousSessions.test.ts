import { buildUser, TEST_PASSWORD } from '../../factories'
import { csrfTokenFrom, newAgent, signIn, submitForm } from '../../helpers/agent'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const sessionRows = async (t: TestApp): Promise<number> => {
  const [rows] = await t.db.sequelize.query('SELECT count(*)::int AS n FROM session')
  return (rows as { n: number }[])[0].n
}

describe('visitors who are not signed in', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('store no session for 200 page views of the sign-in page, the home page, /ping and pages that do not exist', async () => {
    const roomy = createTestApp({
      db: t.db,
      config: { ...t.services.config, signIn: { ...t.services.config.signIn, pagesMaxRequestsPerMinute: 1000 } },
    })
    try {
      // A page that does not exist sends a visitor to sign in (nothing about the service is shown first);
      // a setup link that does not exist is a plain 404.
      const paths = ['/sign-in', '/', '/ping', '/no-such-page', '/setup/no-such-token']
      const statuses = new Set<number>()
      // New visitors, and one returning with the cookies it was given: neither stores anything.
      const returning = newAgent(roomy.app)
      for (let i = 0; i < 200; i += 1) {
        const agent = i % 2 === 0 ? newAgent(roomy.app) : returning
        const response = await agent.get(paths[i % paths.length])
        statuses.add(response.status)
      }
      expect([...statuses].sort()).toEqual([200, 302, 404])
      expect(await sessionRows(t)).toBe(0)
    } finally {
      await roomy.close()
    }
  })

  it('store no session for a refused sign-in either, and a right one signs in with the form token', async () => {
    const user = await buildUser(t.services)
    const agent = newAgent(t.app)
    const wrong = await submitForm(agent, '/sign-in', { email: user.email, password: 'not it' })
    expect(wrong.status).toBe(401)
    expect(await sessionRows(t)).toBe(0)
    await signIn(agent, user.email, TEST_PASSWORD)
    expect(await sessionRows(t)).toBe(1)
    await agent.get('/').expect(200)
  })

  it('cannot post with a token made for another visitor, or with none', async () => {
    const user = await buildUser(t.services)
    const other = newAgent(t.app)
    const foreign = csrfTokenFrom((await other.get('/sign-in')).text)
    const agent = newAgent(t.app)
    await agent.get('/sign-in')
    await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: foreign, email: user.email, password: TEST_PASSWORD })
      .expect(403)
    await agent.post('/sign-in').type('form').send({ email: user.email, password: TEST_PASSWORD }).expect(403)
    await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: ['a', 'b'], email: user.email, password: TEST_PASSWORD })
      .expect(403)
    // A forged cookie with a token the attacker computed without the secret.
    await newAgent(t.app)
      .post('/sign-in')
      .set('Cookie', `cdop.session-csrf=${'A'.repeat(43)}`)
      .type('form')
      .send({ _csrf: 'A'.repeat(43), email: user.email, password: TEST_PASSWORD })
      .expect(403)
    expect(await sessionRows(t)).toBe(0)
  })

  it('still go back where they were going after signing in, though nothing was stored', async () => {
    const user = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await agent.get('/admin/users').expect(302)
    expect(await sessionRows(t)).toBe(0)
    const response = await signIn(agent, user.email, TEST_PASSWORD)
    expect(response.headers.location).toBe('/admin/users')
  })

  it('are limited per address on the sign-in and setup pages, with a 429 page and Retry-After', async () => {
    const tight = createTestApp({
      db: t.db,
      config: { ...t.services.config, signIn: { ...t.services.config.signIn, pagesMaxRequestsPerMinute: 3 } },
    })
    try {
      for (const path of ['/sign-in', '/setup/not-a-real-token', '/invitation/not-a-real-token']) {
        const agent = newAgent(tight.app)
        for (let i = 0; i < 3; i += 1) expect((await agent.get(path)).status).not.toBe(429)
        const limited = await agent.get(path)
        expect(limited.status).toBe(429)
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
        expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
        expect(limited.text).toContain('Too many requests')
      }
      // Another address is not affected.
      const elsewhere = await newAgent(tight.app).get('/sign-in').set('X-Forwarded-For', '198.51.100.20')
      expect(elsewhere.status).toBe(200)
      expect(await sessionRows(t)).toBe(0)
    } finally {
      await tight.close()
    }
  })
})
