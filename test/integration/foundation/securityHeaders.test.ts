import request from 'supertest'
import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn } from '../../helpers/agent'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('security headers, cookies and error pages', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('sends a strict content security policy with a fresh nonce and no unsafe-inline', async () => {
    const first = await request(t.app).get('/sign-in').expect(200)
    const second = await request(t.app).get('/sign-in').expect(200)
    const csp = first.headers['content-security-policy']
    expect(csp).toContain("default-src 'self'")
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]
    expect(first.text).toContain(`<script nonce="${nonce}">`)
    expect(second.headers['content-security-policy']).not.toContain(nonce)
    expect(first.headers['x-content-type-options']).toBe('nosniff')
    expect(first.headers['x-request-id']).toMatch(/^[\w-]{8,64}$/)
  })

  it('never lets a dynamic page be cached, while static assets may be', async () => {
    const page = await request(t.app).get('/sign-in')
    expect(page.headers['cache-control']).toBe('no-store')
    const css = await request(t.app).get('/css/application.css').expect(200)
    expect(css.headers['cache-control']).not.toBe('no-store')
    await request(t.app).get('/assets/govuk/govuk-frontend.min.js').expect(200)
  })

  it('sets a named, httpOnly, SameSite=Lax session cookie with the idle timeout', async () => {
    // A visitor gets only the form-token cookie; the session cookie comes with signing in.
    const page = await request(t.app).get('/sign-in')
    const cookies = ([] as string[]).concat(page.headers['set-cookie'] ?? [])
    expect(cookies.find(c => c.startsWith('cdop.session='))).toBeUndefined()
    const formCookie = cookies.find(c => c.startsWith('cdop.session-csrf='))!
    expect(formCookie).toMatch(/HttpOnly/)
    expect(formCookie).toMatch(/SameSite=Lax/)
    const user = await buildUser(t.services)
    const response = await signIn(newAgent(t.app), user.email, TEST_PASSWORD)
    const cookie = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find(c => c.startsWith('cdop.session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const expires = new Date(/Expires=([^;]+)/.exec(cookie)![1]).getTime()
    expect(expires - Date.now()).toBeGreaterThan(29 * 60_000)
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * 60_000 + 1000)
  })

  it('echoes a safe request id and replaces an unsafe one', async () => {
    const safe = await request(t.app).get('/ping').set('X-Request-Id', 'abc-12345678')
    expect(safe.headers['x-request-id']).toBeUndefined() // health checks sit before the request id
    const page = await request(t.app).get('/sign-in').set('X-Request-Id', 'abc-12345678')
    expect(page.headers['x-request-id']).toBe('abc-12345678')
    const forged = await request(t.app).get('/sign-in').set('X-Request-Id', '<script>alert(1)</script>')
    expect(forged.headers['x-request-id']).not.toContain('<')
  })

  it('shows a GOV.UK 404 page for an unknown address, signed in or not', async () => {
    const user = await buildUser(t.services)
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    const response = await agent.get('/no-such-page').expect(404)
    expect(response.text).toContain('Page not found')
  })

  it('refuses an oversized form with 413 and a clear page, not a crash', async () => {
    const response = await request(t.app)
      .post('/sign-in')
      .type('form')
      .send(`email=${'a'.repeat(300 * 1024)}`)
    expect(response.status).toBe(413)
    expect(response.text).toContain('What you sent was too large')
  })

  it('answers a malformed JSON body with 400, not a stack trace', async () => {
    const response = await request(t.app).post('/sign-in').set('Content-Type', 'application/json').send('{"email":')
    expect(response.status).toBe(400)
    expect(response.text).not.toMatch(/SyntaxError|at \w+ \(/)
  })

  it('opens the accessibility statement, cookies and privacy pages without signing in', async () => {
    for (const path of ['/accessibility', '/cookies', '/privacy']) {
      const response = await request(t.app).get(path).expect(200)
      expect(response.text).toContain('govuk-footer')
      expect(response.text).not.toContain('govuk-service-navigation__list')
    }
  })
})
