import logger, { captureLogLines } from '../../../src/logger'
import { buildCase, buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn } from '../../helpers/agent'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { GP, linkFor, sendRequests } from '../agencyRequests/agencyHelpers'

describe('tokens never reach the log', () => {
  let t: TestApp
  let lines: string[]
  let restore: () => void
  const level = logger.level
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    lines = []
    restore = captureLogLines(line => lines.push(line))
    logger.level = 'info'
  })
  afterEach(() => {
    logger.level = level
    restore()
  })
  afterAll(() => t.close())

  it('a forged post to an agency link logs the refusal without the link token', async () => {
    const user = await buildUser(t.services)
    const coordinator = newAgent(t.app)
    await signIn(coordinator, user.email, TEST_PASSWORD)
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    const link = await linkFor(t, requests[0])
    const secret = link.split('/').pop()!

    const response = await newAgent(t.app).post(link).type('form').send({ reporter_name: 'X' })
    expect(response.status).toBe(403)

    const log = lines.join('')
    expect(log).toContain('invalid csrf token') // the error handler did log the refusal …
    expect(log).toContain('/agency/[token]') // … and the request line, with the path …
    expect(log).not.toContain(secret) // … but never the token
  })

  it('a setup link is never logged in full, from the request line or the error handler', async () => {
    const secret = 'S'.repeat(20) + 'etupTokenThatIsLongEnough_0123'
    await newAgent(t.app).get(`/setup/${secret}`)
    await newAgent(t.app).post(`/setup/${secret}`).type('form').send({})
    const log = lines.join('')
    expect(log).toContain('/setup/[token]')
    expect(log).not.toContain(secret)
  })

  it('whatever writes the line: a message or a field holding a token is scrubbed on the way out', () => {
    const secret = 'q'.repeat(10) + 'Zx9_-' + 'w'.repeat(30)
    logger.warn({ url: `/invitations/${secret}`, note: `token ${secret}` }, `opened /reset/${secret}`)
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain(secret)
  })
})
