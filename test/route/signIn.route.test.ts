import { submitForm, newAgent } from '../helpers/agent'
import { errorSummary, fieldError } from '../helpers/html'
import { createRouteApp } from '../helpers/routeApp'

/** The sign-in form's own rules, on mocked services (the real sign-in is test/integration/foundation/signIn.test.ts). */
describe('the sign-in form (route layer)', () => {
  it('sends someone not signed in to the sign-in page', async () => {
    const { app, services } = createRouteApp()
    const response = await newAgent(app).get('/cases')
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe('/sign-in')
    expect(services.caseService.today).not.toHaveBeenCalled()
  })

  it('asks for both fields without asking the service, and keeps the email typed', async () => {
    const { app, services } = createRouteApp()
    const empty = await submitForm(newAgent(app), '/sign-in', { email: '', password: '' })
    expect(empty.status).toBe(400)
    expect(errorSummary(empty.text)).toEqual([
      ['#email', 'Enter your email address'],
      ['#password', 'Enter your password'],
    ])
    const noPassword = await submitForm(newAgent(app), '/sign-in', { email: 'casey@example.org', password: '' })
    expect(noPassword.status).toBe(400)
    expect(fieldError(noPassword.text, 'password')).toBe('Enter your password')
    expect(noPassword.text).toContain('value="casey@example.org"')
    expect(services.signInService.signIn).not.toHaveBeenCalled()
  })

  it('passes single cleaned values to the service, never a tampered list, and says 401 when refused', async () => {
    const { app, services } = createRouteApp()
    services.signInService.signIn.mockResolvedValue({ ok: false, reason: 'invalid' } as never)
    const refused = await submitForm(newAgent(app), '/sign-in', {
      email: ['  casey@example.org ', 'other@example.org'],
      password: 'wrong',
    })
    expect(refused.status).toBe(401)
    expect(errorSummary(refused.text)).toEqual([['#email', 'Enter a correct email address and password']])
    for (const [email, password] of services.signInService.signIn.mock.calls) {
      expect(typeof email).toBe('string')
      expect(typeof password).toBe('string')
    }
  })

  it('says how long to wait, with Retry-After, when the service throttles', async () => {
    const { app, services } = createRouteApp()
    services.signInService.signIn.mockResolvedValue({ ok: false, reason: 'throttled', retryAfterSeconds: 900 } as never)
    const refused = await submitForm(newAgent(app), '/sign-in', { email: 'casey@example.org', password: 'x' })
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('900')
  })
})
