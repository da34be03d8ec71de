import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn, submitForm } from '../../helpers/agent'
import { errorSummary } from '../../helpers/html'
import { recoveryCodesFrom, secretFrom, totpCode } from '../../helpers/secondFactor'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const sessionIdOf = (cookies: string[] | string | undefined): string | undefined =>
  ([] as string[])
    .concat(cookies ?? [])
    .find(c => c.startsWith('cdop.session='))
    ?.split(';')[0]

describe('second factor', () => {
  let base: TestApp
  let t: TestApp
  beforeAll(() => {
    base = createTestApp()
    t = createTestApp({
      db: base.db,
      config: { ...base.services.config, mfa: { ...base.services.config.mfa, required: true } },
    })
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(async () => {
    await t.close()
    await base.close()
  })

  /** Signs in with the password and sets up the app; returns the key and the recovery codes shown. */
  async function enrol(app: TestApp, email: string) {
    const agent = newAgent(app.app)
    const afterPassword = await signIn(agent, email, TEST_PASSWORD)
    expect(afterPassword.headers.location).toBe('/second-factor/set-up')
    const page = await agent.get('/second-factor/set-up').expect(200)
    const secret = secretFrom(page.text)
    const done = await submitForm(agent, '/second-factor/set-up', { code: totpCode(secret) })
    expect(done.status).toBe(200)
    return { agent, secret, codes: recoveryCodesFrom(done.text), page }
  }

  it('when required, sends a person with no second factor to set one up, and opens nothing else until then', async () => {
    const user = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    const afterPassword = await signIn(agent, user.email, TEST_PASSWORD)
    expect(afterPassword.headers.location).toBe('/second-factor/set-up')
    for (const path of ['/', '/admin/users', '/cases', '/sign-in/second-factor']) {
      const response = await agent.get(path)
      if (path === '/sign-in/second-factor') expect(response.headers.location).toBe('/sign-in')
      else expect(response.headers.location).toBe('/second-factor/set-up')
    }
    const page = await agent.get('/second-factor/set-up').expect(200)
    // The QR code is drawn here as SVG in the page: no script, no outside service.
    expect(page.text).toMatch(/<div class="app-qr-code" data-qr-code><svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(page.text).not.toMatch(/<img[^>]+src="https?:/)
    const secret = secretFrom(page.text)
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)

    const wrong = await submitForm(agent, '/second-factor/set-up', { code: '000000' })
    expect(wrong.status).toBe(400)
    expect(errorSummary(wrong.text)).toEqual([['#code', 'Enter the 6-digit code your authenticator app shows now']])
    expect(secretFrom(wrong.text)).toBe(secret) // the same key again, so the app need not be set up twice

    const done = await submitForm(agent, '/second-factor/set-up', { code: totpCode(secret) })
    expect(done.status).toBe(200)
    const codes = recoveryCodesFrom(done.text)
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    codes.forEach(code => expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/))
    await agent.get('/').expect(200)

    // Stored: the secret encrypted, the codes hashed; neither readable from the database.
    const [[row]] = (await t.db.sequelize.query('SELECT mfa_secret_encrypted FROM users WHERE id = :id', {
      replacements: { id: user.id },
    })) as [{ mfa_secret_encrypted: string }[], unknown]
    expect(row.mfa_secret_encrypted).not.toContain(secret)
    const [hashes] = await t.db.sequelize.query('SELECT code_hash FROM recovery_codes')
    expect(hashes).toHaveLength(10)
    expect(JSON.stringify(hashes)).not.toContain(codes[0])
    // Shown once: the set-up page now only says it is set up.
    const again = await agent.get('/second-factor/set-up').expect(200)
    expect(again.text).toContain('You have 10 unused recovery codes')
    expect(recoveryCodesFrom(again.text)).toEqual([])
  })

  it('asks for a code after the password, with a new session id, and accepts each code once', async () => {
    const user = await buildUser(t.services)
    const { secret } = await enrol(t, user.email)

    const agent = newAgent(t.app)
    await agent.get('/cases').expect(302)
    const afterPassword = await signIn(agent, user.email, TEST_PASSWORD)
    expect(afterPassword.headers.location).toBe('/sign-in/second-factor')
    const halfway = sessionIdOf(afterPassword.headers['set-cookie'])
    expect((await agent.get('/cases')).headers.location).toBe('/sign-in/second-factor')
    expect((await agent.get('/second-factor/set-up')).status).toBe(302)

    // The code used at set-up was already accepted: the next one (the app's next step) is needed.
    const code = totpCode(secret, 30)
    const done = await submitForm(agent, '/sign-in/second-factor', { code })
    expect(done.status).toBe(302)
    expect(done.headers.location).toBe('/cases')
    const signedIn = sessionIdOf(done.headers['set-cookie'])
    expect(signedIn).toBeDefined()
    expect(signedIn).not.toEqual(halfway)
    await agent.get('/cases').expect(200)

    // The same code again, from somewhere else: refused.
    const replay = newAgent(t.app)
    await signIn(replay, user.email, TEST_PASSWORD)
    const replayed = await submitForm(replay, '/sign-in/second-factor', { code })
    expect(replayed.status).toBe(401)
    expect((await replay.get('/')).headers.location).toBe('/sign-in/second-factor')
  })

  it('accepts each recovery code once, in any case and with or without its dash', async () => {
    const user = await buildUser(t.services)
    const { codes } = await enrol(t, user.email)
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    const typed = codes[3].replace('-', '').toLowerCase()
    expect((await submitForm(agent, '/sign-in/second-factor', { code: ` ${typed} ` })).status).toBe(302)
    await agent.get('/').expect(200)

    const again = newAgent(t.app)
    await signIn(again, user.email, TEST_PASSWORD)
    expect((await submitForm(again, '/sign-in/second-factor', { code: codes[3] })).status).toBe(401)
    expect((await submitForm(again, '/sign-in/second-factor', { code: codes[4] })).status).toBe(302)
    const status = await again.get('/second-factor/set-up')
    expect(status.text).toContain('You have 8 unused recovery codes')
  })

  it('limits wrong codes like wrong passwords, and survives malformed input', async () => {
    const user = await buildUser(t.services)
    const { secret } = await enrol(t, user.email)
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    expect((await submitForm(agent, '/sign-in/second-factor', { code: '' })).status).toBe(400)
    for (const code of ['12345', 'x'.repeat(5000), '<script>', '999999']) {
      const response = await submitForm(agent, '/sign-in/second-factor', { code })
      expect(response.status).toBe(401)
      expect(response.text).not.toContain('<script>')
    }
    const arrays = await submitForm(agent, '/sign-in/second-factor', { code: ['1', '2'] })
    expect(arrays.status).toBe(400)
    const fifth = await submitForm(agent, '/sign-in/second-factor', { code: '111111' })
    expect(fifth.status).toBe(429)
    // Now even the right code is not checked from this address.
    const right = await submitForm(agent, '/sign-in/second-factor', { code: totpCode(secret, 30) })
    expect(right.status).toBe(429)
    expect(right.headers['retry-after']).toBeDefined()
    expect((await agent.get('/')).headers.location).toBe('/sign-in/second-factor')
  })

  it('is optional when not required: a person can set one up, and is then asked for it', async () => {
    const user = await buildUser(base.services)
    const agent = newAgent(base.app)
    expect((await signIn(agent, user.email, TEST_PASSWORD)).headers.location).toBe('/')
    const page = await agent.get('/second-factor/set-up').expect(200)
    const secret = secretFrom(page.text)
    const done = await submitForm(agent, '/second-factor/set-up', { code: totpCode(secret) })
    expect(recoveryCodesFrom(done.text)).toHaveLength(10)

    const next = newAgent(base.app)
    expect((await signIn(next, user.email, TEST_PASSWORD)).headers.location).toBe('/sign-in/second-factor')
    expect((await submitForm(next, '/sign-in/second-factor', { code: totpCode(secret, 30) })).status).toBe(302)
  })

  it('forgets a half-finished sign-in at sign-out', async () => {
    const user = await buildUser(t.services)
    await enrol(t, user.email)
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    const out = await submitForm(agent, '/sign-in/second-factor', {}, '/sign-out')
    expect(out.headers.location).toBe('/sign-in?signedOut=1')
    expect((await agent.get('/sign-in/second-factor')).headers.location).toBe('/sign-in')
  })
})
