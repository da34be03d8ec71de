import config from '../../../src/config'
import { UNUSUAL_CHARACTERS } from '../../../src/utils/formHygiene'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, newAgent, submitForm } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { GP, linkFor, reportFields, sendRequests } from '../agencyRequests/agencyHelpers'

const MESSAGE = 'Remove the unusual characters (such as invisible control characters) from this answer'

describe('control characters in form fields', () => {
  let t: TestApp
  let coordinator: Agent
  beforeAll(() => {
    // Sixteen posts to one link in a minute: more than the link's rate limit allows one address.
    t = createTestApp({
      config: { ...config, agencyRequests: { ...config.agencyRequests, linkMaxRequestsPerMinute: 1000 } },
    })
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services, { roles: ['coordinator', 'admin'] })
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  const AGENCY_TEXT_FIELDS = [
    'reporter_name',
    'reporter_role',
    'reporter_phone',
    'circumstances_details',
    'child_details',
    'child_height_cm',
    'bereavement_details',
    'services_details',
  ]

  it('the agency form refuses each of 8 fields with a NUL or a control character, keeps the value, and stores nothing', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    const link = await linkFor(t, requests[0])
    const agency = newAgent(t.app)
    for (const [i, field] of AGENCY_TEXT_FIELDS.entries()) {
      const typed = String(reportFields()[field])
      const hostile = `${typed.slice(0, 3)}\u0000${typed.slice(3)}${i % 2 ? '\u001b[31m' : '\u0007'}`
      for (const action of i < 2 ? ['submit', 'draft'] : ['submit']) {
        await requests[0].reload()
        const response = await submitForm(agency, link, {
          ...reportFields({ [field]: hostile }),
          version: String(requests[0].version),
          action,
        })
        expect(response.status).toBeLessThan(500)
        expect(response.status).not.toBe(302)
        const page = $(response.text)
        expect(page('.govuk-error-summary').text()).toContain(MESSAGE)
        expect(page(`#${field}-error`).text()).toContain(MESSAGE)
        // What was typed is on the page for correction, without the characters.
        const shown = page(`[name="${field}"]`).first()
        expect(shown.is('textarea') ? shown.text().trim() : shown.attr('value')).toBe(
          hostile.replace(UNUSUAL_CHARACTERS, ''),
        )
      }
    }
    await requests[0].reload()
    expect(requests[0].status).toBe('requested')
    expect(JSON.stringify(requests[0].reportDraft ?? {})).not.toMatch(/\\u0000|\\u0007|\\u001b/)

    // Corrected, the same form goes through.
    const response = await submitForm(agency, link, {
      ...reportFields(),
      version: String(requests[0].version),
      action: 'submit',
    })
    expect(response.status).toBe(200)
    await requests[0].reload()
    expect(requests[0].status).toBe('received')
  })

  it('the account name with a NUL is refused with a message, and no account is made', async () => {
    const response = await submitForm(coordinator, '/admin/users/new', {
      name: 'Alex\u0000 Example',
      email: 'alex@example.org',
      roles: 'coordinator',
      password: 'a long enough password for this',
      confirm_password: 'a long enough password for this',
    })
    expect(response.status).toBeLessThan(500)
    const page = $(response.text)
    expect(page('#name-error').text()).toContain(MESSAGE)
    expect(page('#name').attr('value')).toBe('Alex Example')
    expect(await t.services.userService.findByEmail('alex@example.org')).toBeNull()
  })

  it('a query string carrying a NUL is refused with 400, not a 500', async () => {
    const response = await coordinator.get('/cases?q=%00abc')
    expect(response.status).toBe(400)
  })
})
