import { buildCase, buildUser, TEST_PASSWORD } from '../factories'
import { resetDatabase } from '../helpers/testApp'
import { systemContext } from '../../src/services/auditContext'
import { addDays, todayInLondon } from '../../src/domain/dates'
import {
  accessibilityViolations,
  accessibilityViolationsBeyondGovukKnownIssues,
  duplicateIds,
  Running,
  startBrowserTest,
} from './browser'

describe.each([
  ['without JavaScript', false],
  ['with JavaScript', true],
])('a coordinator in a real browser, %s', (_label, javaScriptEnabled) => {
  let run: Running
  beforeAll(async () => {
    run = await startBrowserTest()
  })
  beforeEach(() => resetDatabase(run.t.db))
  afterAll(() => run.close())

  it('signs in, notifies a death, fixes a mistake, checks the answers and opens the new case', async () => {
    const user = await buildUser(run.t.services, { roles: ['coordinator'] })
    const context = await run.browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    // Script errors and CSP violations; a 400 answer to a form with mistakes is expected, not an error.
    const consoleErrors: string[] = []
    page.on('pageerror', error => consoleErrors.push(error.message))
    page.on('console', m => m.type() === 'error' && !/status of 400/.test(m.text()) && consoleErrors.push(m.text()))

    await page.goto(`${run.base}/sign-in`)
    await page.fill('#email', user.email)
    await page.fill('#password', TEST_PASSWORD)
    await page.click('button:has-text("Sign in")')
    await page.click('text=Notify a child death')

    await page.fill('#given_names', 'Browser')
    await page.fill('#family_name', 'Journey')
    await page.fill('#nhs_number', '943 476 5918') // wrong check digit
    await page.fill('#date_of_birth-day', '14')
    await page.fill('#date_of_birth-month', '2')
    await page.fill('#date_of_birth-year', '2024')
    await page.check('#sex')
    await page.selectOption('#ethnicity', 'A')
    await page.fill('#date_of_death-day', '3')
    await page.fill('#date_of_death-month', '11')
    await page.fill('#date_of_death-year', '2025')
    await page.check('#expected')
    await page.fill('#notified_at-day', '4')
    await page.fill('#notified_at-month', '11')
    await page.fill('#notified_at-year', '2025')
    await page.click('button:has-text("Continue")')

    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.inputValue('#family_name')).toBe('Journey')
    await page.click('.govuk-error-summary a')
    await page.fill('#nhs_number', '943 476 5919')
    await page.click('button:has-text("Continue")')

    await page.waitForSelector('h1:has-text("Check the notification")')
    expect(await page.textContent('main')).toContain('943 476 5919')
    await page.click('button:has-text("Save and create the case")')
    await page.waitForSelector('h1:has-text("Browser Journey")')
    expect(await page.textContent('main')).toContain('Death notified, case created')
    expect(consoleErrors).toEqual([])
    await context.close()
  })
})

describe('accessibility', () => {
  let run: Running
  beforeAll(async () => {
    run = await startBrowserTest()
  })
  beforeEach(() => resetDatabase(run.t.db))
  afterAll(() => run.close())

  it('has no WCAG 2.2 AA violations that axe can find, and no repeated ids, on the main pages', async () => {
    const user = await buildUser(run.t.services, { roles: ['coordinator', 'admin'] })
    await buildUser(run.t.services, { roles: ['panel_member'] })
    const record = await buildCase(run.t.services)
    const meeting = await run.t.services.meetingService.schedule(
      {
        meetingDate: addDays(todayInLondon(new Date()), 14),
        startTime: '14:00',
        location: 'Room 3',
        online: false,
        theme: 'general',
        notes: null,
      },
      systemContext(),
    )
    // axe is injected as a script, which the service's CSP rightly blocks: this context bypasses it.
    const context = await run.browser.newContext({ javaScriptEnabled: true, bypassCSP: true })
    const page = await context.newPage()
    await page.goto(`${run.base}/sign-in`)
    expect(await accessibilityViolations(page)).toEqual([])
    await page.fill('#email', user.email)
    await page.fill('#password', TEST_PASSWORD)
    await page.click('button:has-text("Sign in")')
    for (const path of [
      '/',
      '/cases',
      '/cases/notify',
      `/cases/${record.id}`,
      `/cases/${record.id}/edit/jar`,
      `/cases/${record.id}/status`,
      '/admin/users',
      '/accessibility',
      `/meetings/${meeting.id}/members`,
    ]) {
      await page.goto(`${run.base}${path}`)
      const violations = await accessibilityViolations(page)
      expect({ path, violations, duplicateIds: await duplicateIds(page) }).toEqual({
        path,
        violations: [],
        duplicateIds: [],
      })
    }
    await page.goto(`${run.base}/cases/notify`)
    await page.click('button:has-text("Continue")')
    expect({ path: 'notify with errors', violations: await accessibilityViolations(page) }).toEqual({
      path: 'notify with errors',
      violations: [],
    })
    await context.close()
  })

  it('finds nothing on the agency report page beyond the conditional-reveal finding GOV.UK documents', async () => {
    const record = await buildCase(run.t.services)
    const dueDate = addDays(todayInLondon(new Date()), 28)
    const { requests } = await run.t.services.agencyRequestService.send(
      record.id,
      dueDate,
      [{ agency: 'gp', agencyOther: null, contactName: 'Dr Pat Practice', contactEmail: 'pat@gp.example.org' }],
      systemContext(),
    )
    const message = await run.t.db.models.OutboxMessage.findOne({ where: { requestId: requests[0].id } })
    const link = /\/agency\/[A-Za-z0-9_-]{43}/.exec(message?.bodyText ?? '')?.[0]
    const context = await run.browser.newContext({ javaScriptEnabled: true, bypassCSP: true })
    const page = await context.newPage()
    await page.goto(`${run.base}${link}`)
    await page.waitForSelector('h1')
    // With the script running, the conditional radios carry aria-expanded: the finding is known and set aside.
    expect(await page.$$('input[type="radio"][aria-expanded]')).not.toHaveLength(0)
    expect(await accessibilityViolationsBeyondGovukKnownIssues(page)).toEqual([])
    expect(await duplicateIds(page)).toEqual([])
    await context.close()
  })
})
