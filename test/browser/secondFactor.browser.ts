import config from '../../src/config'
import { buildUser, TEST_PASSWORD } from '../factories'
import { totpCode } from '../helpers/secondFactor'
import { resetDatabase } from '../helpers/testApp'
import { accessibilityViolations, Running, startBrowserTest } from './browser'

describe('a second factor in a real browser', () => {
  let run: Running
  beforeAll(async () => {
    run = await startBrowserTest({ config: { ...config, mfa: { ...config.mfa, required: true } } })
  })
  beforeEach(() => resetDatabase(run.t.db))
  afterAll(() => run.close())

  it('sets up an authenticator app at the first sign-in, then signs in with a code', async () => {
    const user = await buildUser(run.t.services, { roles: ['coordinator'] })
    const context = await run.browser.newContext({ javaScriptEnabled: true })
    const page = await context.newPage()
    const consoleErrors: string[] = []
    page.on('pageerror', error => consoleErrors.push(error.message))
    page.on('console', m => m.type() === 'error' && consoleErrors.push(m.text()))

    await page.goto(`${run.base}/sign-in`)
    await page.fill('#email', user.email)
    await page.fill('#password', TEST_PASSWORD)
    await page.click('button:has-text("Sign in")')
    await page.waitForSelector('h1:has-text("Set up your authenticator app")')
    // The QR code is drawn in the page (inline SVG): visible, with no request to anywhere else.
    const qr = await page.locator('[data-qr-code] svg').boundingBox()
    expect(qr!.width).toBeGreaterThan(100)
    const secret = (await page.textContent('[data-secret]'))!.replace(/\s/g, '')
    await page.fill('#code', totpCode(secret))
    await page.click('button:has-text("Continue")')
    await page.waitForSelector('h1:has-text("Your recovery codes")')
    expect(await page.locator('[data-recovery-codes] li').count()).toBe(10)
    await page.click('text=I have saved my codes, continue')
    await page.waitForSelector('h1')
    expect(page.url()).toBe(`${run.base}/`)

    await page.click('button:has-text("Sign out")')
    await page.fill('#email', user.email)
    await page.fill('#password', TEST_PASSWORD)
    await page.click('button:has-text("Sign in")')
    await page.waitForSelector('label:has-text("Enter the code from your authenticator app")')
    await page.fill('#code', totpCode(secret, 30))
    await page.click('button:has-text("Continue")')
    await page.waitForSelector('h1')
    expect(page.url()).toBe(`${run.base}/`)
    expect(consoleErrors).toEqual([])
    await context.close()
  })

  it('has no WCAG 2.2 AA violations that axe can find on the set-up and recovery code pages', async () => {
    const user = await buildUser(run.t.services, { roles: ['coordinator'] })
    const context = await run.browser.newContext({ javaScriptEnabled: true, bypassCSP: true })
    const page = await context.newPage()
    await page.goto(`${run.base}/sign-in`)
    await page.fill('#email', user.email)
    await page.fill('#password', TEST_PASSWORD)
    await page.click('button:has-text("Sign in")')
    await page.waitForSelector('h1:has-text("Set up your authenticator app")')
    expect(await accessibilityViolations(page)).toEqual([])
    const secret = (await page.textContent('[data-secret]'))!.replace(/\s/g, '')
    await page.fill('#code', totpCode(secret))
    await page.click('button:has-text("Continue")')
    await page.waitForSelector('h1:has-text("Your recovery codes")')
    expect(await accessibilityViolations(page)).toEqual([])
    await context.close()
  })
})
