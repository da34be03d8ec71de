import { buildUser, TEST_PASSWORD } from '../../factories'
import { csrfTokenFrom, newAgent, signIn } from '../../helpers/agent'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('protection against forged form posts', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('refuses a post without a token with a friendly page, and changes nothing', async () => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
    const response = await agent.post('/admin/users/new').type('form').send({
      name: 'Forged',
      email: 'forged@example.org',
      roles: 'admin',
      password: 'a long enough password',
      confirm_password: 'a long enough password',
    })
    expect(response.status).toBe(403)
    expect(response.text).toContain('Your form has expired')
    expect(response.text).not.toMatch(/at \w+ \(/) // no stack trace
    expect(await t.services.userService.findByEmail('forged@example.org')).toBeNull()
  })

  it('refuses a token taken from another session', async () => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const other = newAgent(t.app)
    const foreignToken = csrfTokenFrom((await other.get('/sign-in')).text)
    const agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
    await agent
      .post('/admin/users/new')
      .type('form')
      .send({
        _csrf: foreignToken,
        name: 'X',
        email: 'x@example.org',
        roles: 'coordinator',
        password: 'p',
        confirm_password: 'p',
      })
      .expect(403)
  })

  it('accepts the same post with the token from the page', async () => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
    const page = await agent.get('/admin/users/new')
    await agent
      .post('/admin/users/new')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(page.text),
        name: 'Casey Coordinator',
        email: 'casey@example.org',
        roles: 'coordinator',
        password: 'a long enough password',
        confirm_password: 'a long enough password',
      })
      .expect(302)
    expect(await t.services.userService.findByEmail('casey@example.org')).not.toBeNull()
  })

  it('answers a bodiless post carrying a valid token header with a form error, not a crash', async () => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
    const token = csrfTokenFrom((await agent.get('/admin/users/new')).text)
    const response = await agent.post(`/admin/users/${admin.id}`).set('X-CSRF-Token', token)
    expect(response.status).toBe(400)
  })

  it('refuses a sign-in post without a token', async () => {
    await newAgent(t.app).post('/sign-in').type('form').send({ email: 'a@example.org', password: 'x' }).expect(403)
  })
})
