import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, submitForm } from '../../helpers/agent'
import { errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const from = (address: string) => ({ 'X-Forwarded-For': address })

/** Posts the sign-in form as a visitor from `address` (the app trusts the loopback proxy's header). */
async function attempt(t: TestApp, address: string, email: string, password: string) {
  const agent = newAgent(t.app)
  const page = await agent.get('/sign-in').set(from(address))
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]
  return agent
    .post('/sign-in')
    .set(from(address))
    .type('form')
    .send(new URLSearchParams({ _csrf: token, email, password }).toString())
}

const failures = async (t: TestApp, email: string) => {
  const [rows] = await t.db.sequelize.query(
    "SELECT count(*)::int AS n FROM audit_events WHERE action = 'sign_in_failed' AND entity_id = :email",
    { replacements: { email } },
  )
  return (rows as { n: number }[])[0].n
}

describe('limits on guessing passwords that hand nobody a lockout switch', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp({ asOwner: true })
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('an attacker at one address cannot lock a colleague out: only that address is locked for the account', async () => {
    const colleague = await buildUser(t.services)
    for (let i = 1; i <= 12; i += 1) {
      const response = await attempt(t, '203.0.113.9', colleague.email, `guess ${i}`)
      expect(response.status).toBe(i < 5 ? 401 : 429)
    }
    // Refused attempts are not checked, so the attacker made only 5 real guesses.
    expect(await failures(t, colleague.email)).toBe(5)
    const locked = await attempt(t, '203.0.113.9', colleague.email, TEST_PASSWORD)
    expect(locked.status).toBe(429)
    expect(errorSummary(locked.text)[0][1]).toMatch(/from your device or network/)

    const own = await attempt(t, '198.51.100.7', colleague.email, TEST_PASSWORD)
    expect(own.status).toBe(302)
    expect(own.headers.location).toBe('/')
  })

  it('bounds guessing from many addresses by slowing the account, and the real person waits at most a little', async () => {
    const slow = createTestApp({
      asOwner: true,
      db: t.db,
      config: {
        ...t.services.config,
        signIn: { ...t.services.config.signIn, accountSlowAfter: 3, accountMaxDelaySeconds: 30 },
      },
    })
    try {
      const colleague = await buildUser(slow.services)
      const statuses: number[] = []
      for (let i = 1; i <= 25; i += 1) {
        statuses.push((await attempt(slow, `192.0.2.${i}`, colleague.email, `guess ${i}`)).status)
      }
      // The first three are checked; after that each guess must wait 1, 2, 4 … seconds after the last.
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401])
      expect(statuses.filter(s => s === 429).length).toBeGreaterThanOrEqual(18)
      expect(await failures(t, colleague.email)).toBeLessThanOrEqual(7)

      // While slowed, even the right password is not checked (else the delay would be an oracle).
      // The failures are dated now, so the wait (at least 2 seconds after four failures) has surely
      // not run out however long the guesses above took on a busy machine.
      await t.db.sequelize.transaction(async transaction => {
        await t.db.sequelize.query('SET LOCAL session_replication_role = replica', { transaction })
        await t.db.sequelize.query("UPDATE audit_events SET occurred_at = now() WHERE action = 'sign_in_failed'", {
          transaction,
        })
      })
      const during = await attempt(slow, '198.51.100.7', colleague.email, TEST_PASSWORD)
      expect(during.status).toBe(429)
      const wait = Number(during.headers['retry-after'])
      expect(wait).toBeGreaterThan(0)
      expect(wait).toBeLessThanOrEqual(30)
      expect(errorSummary(during.text)[0][1]).toMatch(/Wait \d+ seconds/)

      // Once the wait has passed (the failures aged), the colleague signs in.
      await t.db.sequelize.transaction(async transaction => {
        await t.db.sequelize.query('SET LOCAL session_replication_role = replica', { transaction })
        await t.db.sequelize.query("UPDATE audit_events SET occurred_at = occurred_at - interval '31 seconds'", {
          transaction,
        })
      })
      expect((await attempt(slow, '198.51.100.7', colleague.email, TEST_PASSWORD)).status).toBe(302)
    } finally {
      await slow.close()
    }
  })

  it('says the same for an account that does not exist, slowed or locked', async () => {
    const real = await buildUser(t.services, { email: 'real@example.org' })
    for (let i = 1; i <= 6; i += 1) {
      await attempt(t, '203.0.113.50', real.email, 'x')
      await attempt(t, '203.0.113.50', 'ghost@example.org', 'x')
    }
    const a = await attempt(t, '203.0.113.50', real.email, 'x')
    const b = await attempt(t, '203.0.113.50', 'ghost@example.org', 'x')
    expect(a.status).toBe(b.status)
    expect(errorSummary(a.text)).toEqual(errorSummary(b.text))
    expect(a.headers['retry-after']).toBe(b.headers['retry-after'])
  })

  it('a successful sign-in starts the count again', async () => {
    const user = await buildUser(t.services)
    for (let i = 1; i <= 4; i += 1) await attempt(t, '203.0.113.60', user.email, 'wrong')
    expect((await attempt(t, '203.0.113.60', user.email, TEST_PASSWORD)).status).toBe(302)
    for (let i = 1; i <= 4; i += 1) {
      expect((await attempt(t, '203.0.113.60', user.email, 'wrong')).status).toBe(401)
    }
  })

  it('still limits one address across many accounts', async () => {
    const limited = createTestApp({
      asOwner: true,
      db: t.db,
      config: { ...t.services.config, signIn: { ...t.services.config.signIn, maxFailuresPerAddress: 3 } },
    })
    try {
      const user = await buildUser(limited.services)
      for (let i = 1; i <= 3; i += 1)
        await submitForm(newAgent(limited.app), '/sign-in', { email: `s${i}@x.org`, password: 'x' })
      const response = await submitForm(newAgent(limited.app), '/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
      })
      expect(response.status).toBe(429)
      expect(response.headers['retry-after']).toBeDefined()
    } finally {
      await limited.close()
    }
  })
})
