import config from '../../../src/config'
import { NodemailerTransport, type MailTransport } from '../../../src/services/mail/mailTransport'
import OutboxService, { MAX_ATTEMPTS } from '../../../src/services/mail/outboxService'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { auditRows, GP, sendRequests } from './agencyHelpers'

// Nothing listens on port 1: every connection is refused at once, as with a mail server that is down.
const DEAD_SMTP = { ...config, mail: { ...config.mail, smtpUrl: 'smtp://127.0.0.1:1' } }

describe('e-mail through a mail server that fails', () => {
  let t: TestApp
  let coordinator: Agent
  beforeAll(() => {
    t = createTestApp({ config: DEAD_SMTP })
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services)
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  /** The outbox as another instance would run it: its own transport and clock. */
  const outboxWith = (transport: MailTransport | null, at: Date) =>
    new OutboxService(t.db, t.services.auditService, transport, () => at)
  const working = () => new NodemailerTransport({ jsonTransport: true }, config.mail.from)

  it('keeps the request, shows the failure, retries with backoff, and sends once the server is back', async () => {
    const record = await buildCase(t.services)
    const { response, requests } = await sendRequests(t, coordinator, record.id, [GP])
    expect(response.status).toBe(302)
    expect(requests).toHaveLength(1) // the request is committed whatever the mail server does
    const banner = await coordinator.get(response.headers.location)
    expect(banner.text).toContain('Some emails could not be sent yet')

    const message = (await t.db.models.OutboxMessage.findOne({ where: { requestId: requests[0].id } }))!
    expect(message).toMatchObject({ status: 'retrying', attempts: 1, sentAt: null })
    expect(message.lastError).toMatch(/ECONNREFUSED/)
    const wait = message.nextAttemptAt!.getTime() - Date.now()
    expect(wait).toBeGreaterThan(30_000)
    expect(wait).toBeLessThanOrEqual(60_000)

    const list = $((await coordinator.get('/outbox')).text)
    expect(list('.govuk-table').text()).toContain('Failed, will try again')
    const page = await coordinator.get(`/outbox/${message.id}`)
    expect(page.text).toContain('ECONNREFUSED')
    expect($(page.text)('button').text()).toContain('Try sending it now')

    // Not due yet: a run now leaves it alone.
    expect(await outboxWith(working(), new Date()).deliver()).toEqual({ sent: 0, stored: 0, retrying: 0, failed: 0 })
    // Two minutes later the server is back.
    const later = new Date(Date.now() + 2 * 60_000)
    expect(await outboxWith(working(), later).deliver()).toEqual({ sent: 1, stored: 0, retrying: 0, failed: 0 })
    await message.reload()
    expect(message).toMatchObject({ status: 'sent', attempts: 2, sentAt: later, nextAttemptAt: null })
    // Once the mail server has it, the outbox no longer holds a working link.
    expect(message.bodyText).not.toMatch(/\/agency\/[A-Za-z0-9_-]{43}/)
    expect(message.bodyText).toContain('[link removed]')
    // Sent is sent: another run does not send it again.
    expect(await outboxWith(working(), new Date(later.getTime() + 3_600_000)).deliver()).toMatchObject({ sent: 0 })
  })

  it('gives up after the last attempt, visibly, and lets a coordinator try again', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    const message = (await t.db.models.OutboxMessage.findOne({ where: { requestId: requests[0].id } }))!
    await message.update({ attempts: MAX_ATTEMPTS - 1 })
    const result = await new OutboxService(
      t.db,
      t.services.auditService,
      { send: async () => Promise.reject(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 })) },
      () => new Date(Date.now() + 7 * 3_600_000),
    ).deliver()
    expect(result).toEqual({ sent: 0, stored: 0, retrying: 0, failed: 1 })
    await message.reload()
    expect(message).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null })
    expect(message.lastError).toBe('550: 550 mailbox unavailable')
    expect(t.services.outboxService.delivers).toBe(true) // this app has a mail server configured: retry is offered

    const list = $((await coordinator.get('/outbox?status=failed')).text)
    expect(list('.govuk-table tbody tr')).toHaveLength(1)
    const retried = await submitForm(coordinator, `/outbox/${message.id}`, {}, `/outbox/${message.id}/retry`)
    expect(retried.status).toBe(302)
    const after = await coordinator.get(retried.headers.location)
    expect($(after.text)('.govuk-notification-banner').text()).toContain('The email could not be sent')
    expect($(after.text)('.govuk-notification-banner').text()).toContain('will not be tried again automatically')
    await message.reload()
    expect(message.attempts).toBe(MAX_ATTEMPTS + 1)
    expect(message.lastError).toMatch(/ECONNREFUSED/)
    expect((await auditRows(t, 'outbox_message_retried')).map(a => a.entityId)).toEqual([message.id])
  })

  it('writes no e-mail when the change it announces is refused', async () => {
    const record = await buildCase(t.services)
    await sendRequests(t, coordinator, record.id, [GP])
    const before = await t.db.models.OutboxMessage.count()
    const { response } = await sendRequests(t, coordinator, record.id, [GP]) // a duplicate: refused
    expect(response.status).toBe(409)
    expect(await t.db.models.OutboxMessage.count()).toBe(before)
  })
})
