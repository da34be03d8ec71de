import { buildUser, TEST_PASSWORD } from '../../factories'
import crypto from 'node:crypto'
import { csrfTokenFrom, newAgent, signIn, submitForm } from '../../helpers/agent'
import { errorSummary } from '../../helpers/html'
import { withAuditTriggersOff } from '../../helpers/ownerDb'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const sessionId = (cookies: string[] | string | undefined): string | undefined =>
  ([] as string[])
    .concat(cookies ?? [])
    .find(c => c.startsWith('cdop.session='))
    ?.split(';')[0]

describe('signing in and out', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('sends a person who is not signed in to the sign-in page, then back where they were going', async () => {
    const user = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    const first = await agent.get('/admin/users').expect(302)
    expect(first.headers.location).toBe('/sign-in')
    const response = await signIn(agent, user.email, TEST_PASSWORD)
    expect(response.headers.location).toBe('/admin/users')
    await agent.get('/admin/users').expect(200)
  })

  it('gives the session a new id at sign-in, so a planted session id is useless', async () => {
    const user = await buildUser(t.services)
    // An attacker's own stored session, its cookie planted in the victim's browser.
    const planted = 'planted-session-id-0123456789abcdef'
    await t.db.sequelize.query(
      `INSERT INTO session (sid, sess, expire) VALUES (:sid, :sess, now() + interval '10 minutes')`,
      { replacements: { sid: planted, sess: JSON.stringify({ cookie: { path: '/' }, caseSearch: 'x' }) } },
    )
    // Signed as express-session signs its cookie (cookie-signature: HMAC-SHA256, unpadded base64).
    const mac = crypto.createHmac('sha256', t.services.config.session.secret).update(planted).digest('base64')
    const cookie = `cdop.session=${encodeURIComponent(`s:${planted}.${mac.replace(/=+$/, '')}`)}`
    const agent = newAgent(t.app)
    const page = await agent.get('/sign-in').set('Cookie', cookie)
    const form = new URLSearchParams({ _csrf: csrfTokenFrom(page.text), email: user.email, password: TEST_PASSWORD })
    const response = await agent.post('/sign-in').set('Cookie', cookie).type('form').send(form.toString())
    expect(response.status).toBe(302)
    const after = sessionId(response.headers['set-cookie'])
    expect(after).toBeDefined()
    expect(after).not.toContain(planted)
    const [rows] = await t.db.sequelize.query('SELECT sess FROM session WHERE sid = :sid', {
      replacements: { sid: planted },
    })
    expect(rows).toHaveLength(0)
  })

  it('refuses a wrong password and an unknown account with the same message, keeping the email typed', async () => {
    await buildUser(t.services, { email: 'known@example.org' })
    const agent = newAgent(t.app)
    const wrong = await submitForm(agent, '/sign-in', { email: 'known@example.org', password: 'not the password' })
    const unknown = await submitForm(agent, '/sign-in', { email: 'nobody@example.org', password: 'not the password' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(errorSummary(wrong.text)).toEqual([['#email', 'Enter a correct email address and password']])
    expect(errorSummary(unknown.text)).toEqual(errorSummary(wrong.text))
    expect(wrong.text).toContain('value="known@example.org"')
    expect(wrong.text).toContain('<title>Error: Sign in')
  })

  it('asks for both fields when they are empty, and survives tampered fields', async () => {
    const agent = newAgent(t.app)
    const empty = await submitForm(agent, '/sign-in', { email: '  ', password: '' })
    expect(empty.status).toBe(400)
    expect(errorSummary(empty.text)).toEqual([
      ['#email', 'Enter your email address'],
      ['#password', 'Enter your password'],
    ])
    const arrays = await submitForm(agent, '/sign-in', {
      email: ['a@example.org', 'b@example.org'],
      password: ['x', 'y'],
    })
    expect(arrays.status).toBe(401)
    const huge = await submitForm(agent, '/sign-in', { email: 'a'.repeat(100_000), password: 'x' })
    expect(huge.status).toBe(401)
  })

  it('locks the account for this address after 5 failures, even with the right password, and says so without revealing whether it exists', async () => {
    const user = await buildUser(t.services)
    const agent = newAgent(t.app)
    for (let i = 1; i <= 4; i += 1) {
      const response = await submitForm(agent, '/sign-in', { email: user.email, password: `wrong ${i}` })
      expect(response.status).toBe(401)
    }
    const fifth = await submitForm(agent, '/sign-in', { email: user.email, password: 'wrong 5' })
    expect(fifth.status).toBe(429)
    expect(errorSummary(fifth.text)[0][1]).toMatch(/too many attempts to sign in to this account/)
    const right = await submitForm(agent, '/sign-in', { email: user.email, password: TEST_PASSWORD })
    expect(right.status).toBe(429)

    for (let i = 1; i <= 5; i += 1) await submitForm(agent, '/sign-in', { email: 'ghost@example.org', password: 'x' })
    const ghost = await submitForm(agent, '/sign-in', { email: 'ghost@example.org', password: 'x' })
    expect(errorSummary(ghost.text)).toEqual(errorSummary(right.text))
  })

  it('lets the account in again once the lock period has passed', async () => {
    const user = await buildUser(t.services)
    const agent = newAgent(t.app)
    for (let i = 1; i <= 5; i += 1) await submitForm(agent, '/sign-in', { email: user.email, password: 'wrong' })
    // Age the failures past the 15 minute window (the audit log itself cannot be edited).
    await withAuditTriggersOff("UPDATE audit_events SET occurred_at = occurred_at - interval '16 minutes'")
    await signIn(agent, user.email, TEST_PASSWORD)
  })

  it('limits failures from one address across many accounts', async () => {
    const limited = createTestApp({
      db: t.db,
      config: { ...t.services.config, signIn: { ...t.services.config.signIn, maxFailuresPerAddress: 3 } },
    })
    try {
      const user = await buildUser(limited.services)
      const agent = newAgent(limited.app)
      for (let i = 1; i <= 3; i += 1)
        await submitForm(agent, '/sign-in', { email: `spray${i}@example.org`, password: 'x' })
      const response = await submitForm(agent, '/sign-in', { email: user.email, password: TEST_PASSWORD })
      expect(response.status).toBe(429)
      expect(errorSummary(response.text)[0][1]).toMatch(/from your network/)
    } finally {
      await limited.close()
    }
  })

  it('takes the password exactly as typed, spaces at either end included', async () => {
    const user = await t.services.userService.create(
      { email: 'spaces@example.org', name: 'Spacey', roles: ['coordinator'], password: '  padded passphrase here  ' },
      { actorUserId: null, requestId: null, ip: null },
    )
    await signIn(newAgent(t.app), user.email, '  padded passphrase here  ')
    const trimmed = await submitForm(newAgent(t.app), '/sign-in', {
      email: user.email,
      password: 'padded passphrase here',
    })
    expect(trimmed.status).toBe(401)
  })

  it('refuses a deactivated account with the ordinary message', async () => {
    const user = await buildUser(t.services)
    await t.db.models.User.update({ active: false }, { where: { id: user.id } })
    const response = await submitForm(newAgent(t.app), '/sign-in', { email: user.email, password: TEST_PASSWORD })
    expect(response.status).toBe(401)
  })

  it('destroys the session at sign-out, so the old cookie no longer works', async () => {
    const user = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    const login = await signIn(agent, user.email, TEST_PASSWORD)
    const cookie = sessionId(login.headers['set-cookie'])!
    const out = await submitForm(agent, '/', {}, '/sign-out')
    expect(out.status).toBe(302)
    expect(out.headers.location).toBe('/sign-in?signedOut=1')
    const [rows] = await t.db.sequelize.query('SELECT count(*)::int AS n FROM session')
    expect((rows as { n: number }[])[0].n).toBe(0)
    const replay = await newAgent(t.app).get('/admin/users').set('Cookie', cookie)
    expect(replay.status).toBe(302)
    expect(replay.headers.location).toMatch(/^\/sign-in/)
  })

  it('signs a person out after the idle timeout and tells them why', async () => {
    const user = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    await agent.get('/').expect(200)
    await t.db.sequelize.query("UPDATE session SET expire = now() - interval '1 minute'")
    const response = await agent.get('/')
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe('/sign-in?timedOut=1')
    const page = await agent.get(response.headers.location)
    expect(page.text).toContain('You were signed out because you had not done anything for a while')
  })

  it('does not call it a timeout when a person presses Back after signing out', async () => {
    const user = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    const out = await submitForm(agent, '/', {}, '/sign-out')
    await agent.get(out.headers.location) // the sign-in page starts a new, signed-out session
    const back = await agent.get('/admin/users')
    expect(back.headers.location).toBe('/sign-in')
  })

  it('never sends a person back to another site after signing in', async () => {
    const user = await buildUser(t.services)
    const agent = newAgent(t.app)
    await agent.get('//evil.example/path').expect(302)
    const response = await signIn(agent, user.email, TEST_PASSWORD)
    expect(response.headers.location).toBe('/')
  })
})
