import request from 'supertest'
import { newAgent, signIn, submitForm } from '../../helpers/agent'
import { errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const PASSWORD = 'a fine long passphrase'

describe('first run: the one-time setup link', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('creates the first administrator once, then dies', async () => {
    const token = (await t.services.setupService.createSetupTokenIfNoUsers())!
    expect(token).toMatch(/^[\w-]{40,}$/)
    const agent = newAgent(t.app)
    const created = await submitForm(agent, `/setup/${token}`, {
      name: 'Ada Admin',
      email: 'ada@example.org',
      password: PASSWORD,
      confirm_password: PASSWORD,
    })
    expect(created.status).toBe(302)
    expect(created.headers.location).toBe('/sign-in')
    const user = await t.services.userService.findByEmail('ada@example.org')
    expect(user!.roles).toEqual(['admin'])
    expect((await t.db.models.AuditEvent.findOne({ where: { action: 'first_admin_created' } }))!.entityId).toBe(
      user!.id,
    )

    await request(t.app).get(`/setup/${token}`).expect(404)
    expect(await t.services.setupService.createSetupTokenIfNoUsers()).toBeNull()
    await signIn(agent, 'ada@example.org', PASSWORD)
  })

  it('stores only a hash of the token', async () => {
    const token = (await t.services.setupService.createSetupTokenIfNoUsers())!
    const [rows] = await t.db.sequelize.query('SELECT token_hash FROM setup_tokens')
    expect((rows as { token_hash: string }[])[0].token_hash).not.toContain(token)
  })

  it('keeps what was typed and explains each problem', async () => {
    const token = (await t.services.setupService.createSetupTokenIfNoUsers())!
    const response = await submitForm(newAgent(t.app), `/setup/${token}`, {
      name: 'Ada Admin',
      email: 'not-an-email',
      password: 'short',
      confirm_password: 'short',
    })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([
      ['#email', 'Enter an email address in the correct format, like name@example.org'],
      ['#password', 'Password must be 12 characters or more'],
    ])
    expect(response.text).toContain('value="Ada Admin"')
    expect(response.text).toContain('value="not-an-email"')
    expect(response.text).not.toContain('value="short"') // passwords are never echoed back
  })

  it('refuses mismatched passwords', async () => {
    const token = (await t.services.setupService.createSetupTokenIfNoUsers())!
    const response = await submitForm(newAgent(t.app), `/setup/${token}`, {
      name: 'Ada Admin',
      email: 'ada@example.org',
      password: PASSWORD,
      confirm_password: `${PASSWORD}!`,
    })
    expect(errorSummary(response.text)).toEqual([['#confirm_password', 'Enter the same password in both boxes']])
  })

  it('shows a clear page for a tampered, unknown or expired link', async () => {
    await t.services.setupService.createSetupTokenIfNoUsers()
    for (const bad of ['x', 'A'.repeat(43), '../../etc/passwd', '%00']) {
      const response = await request(t.app).get(`/setup/${bad}`)
      expect(response.status).toBe(404)
    }
    await t.db.models.SetupToken.update({ expiresAt: new Date(Date.now() - 1000) }, { where: {} })
    const page = await request(t.app).get('/setup/' + 'B'.repeat(43))
    expect(page.text).toContain('This setup link cannot be used')
  })
})
