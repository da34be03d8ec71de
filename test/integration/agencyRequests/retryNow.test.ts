import config from '../../../src/config'
import { MAX_ATTEMPTS } from '../../../src/services/mail/outboxService'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { runCliInTest } from '../../helpers/cli'
import { $ } from '../../helpers/html'
import { TestSmtpServer } from '../../helpers/smtpServer'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { GP, POLICE, sendRequests } from './agencyHelpers'

describe('sending e-mail again now, after the mail server comes back', () => {
  let t: TestApp
  let smtp: TestSmtpServer
  let withSmtp: typeof config
  let coordinator: Agent
  beforeAll(async () => {
    smtp = await TestSmtpServer.onFreePort()
    withSmtp = { ...config, mail: { ...config.mail, smtpUrl: smtp.url } }
    t = createTestApp({ config: withSmtp })
  })
  beforeEach(async () => {
    await smtp.stop()
    smtp.received.length = 0
    await resetDatabase(t.db)
    const user = await buildUser(t.services)
    coordinator = await signInAs(t, user)
  })
  afterAll(async () => {
    await smtp.stop()
    await t.close()
  })

  /** Requests sent while the mail server is down: their e-mails wait out a back-off. */
  const requestsWhileDown = async (contacts = [GP]) => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, contacts)
    const messages = await t.db.models.OutboxMessage.findAll({
      where: { caseId: record.id },
      order: [['createdAt', 'ASC']],
    })
    expect(messages.map(m => m.status)).toEqual(contacts.map(() => 'retrying'))
    return { record, requests, messages }
  }

  it('jobs:run-reminders sends a message still waiting out its back-off; the periodic run keeps the back-off', async () => {
    const { messages } = await requestsWhileDown()
    const [message] = messages
    // Several failures on: the next attempt is an hour away.
    await message.update({ attempts: 7, nextAttemptAt: new Date(Date.now() + 3_600_000) })
    await smtp.start()

    // The in-server job, every few minutes, waits for the retry time.
    expect(await t.services.scheduledJobs.runOnce()).toMatchObject({
      delivery: { sent: 0, stored: 0, retrying: 0, failed: 0 },
    })
    expect(smtp.received).toHaveLength(0)

    // The command does what it says: everything pending, now.
    const run = await runCliInTest(t, ['jobs:run-reminders'], { config: withSmtp })
    expect(run.code).toBe(0)
    expect(run.out).toContain('Emails: 1 sent, 0 could not be sent')
    expect(smtp.received.map(m => m.to)).toEqual([[`<${GP.email}>`]])
    await message.reload()
    expect(message).toMatchObject({ status: 'sent', attempts: 8, nextAttemptAt: null })
    // Sent is sent: a second run sends nothing again.
    const again = await runCliInTest(t, ['jobs:run-reminders'], { config: withSmtp })
    expect(again.out).toContain('Emails: 0 sent, 0 could not be sent')
    expect(smtp.received).toHaveLength(1)
  })

  it('tries each message once, stops when the server keeps failing, and says what it left', async () => {
    const contacts = [
      GP,
      POLICE,
      { agency: 'education', name: 'Sam Teacher', email: 'sam@school.example.org' },
      { agency: 'housing', name: 'Ash Housing', email: 'ash@housing.example.org' },
      { agency: 'hospice', name: 'Jo Hospice', email: 'jo@hospice.example.org' },
    ]
    const { messages } = await requestsWhileDown(contacts)
    // One gave up long ago: that is for a person to retry, not the command.
    await messages[4].update({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null })

    const run = await runCliInTest(t, ['jobs:run-reminders'], { config: withSmtp })
    expect(run.out).toContain('Emails: 0 sent, 3 could not be sent (see the outbox).')
    expect(run.out).toContain('The mail server failed 3 times in a row, so 1 more email was not tried')
    expect(run.out).toContain('1 email gave up earlier and waits for someone to try again from the Outbox.')
    const attempts = await t.db.models.OutboxMessage.findAll({ order: [['createdAt', 'ASC']] })
    expect(attempts.map(m => m.attempts)).toEqual([2, 2, 2, 1, MAX_ATTEMPTS])

    await smtp.start()
    const back = await runCliInTest(t, ['jobs:run-reminders'], { config: withSmtp })
    expect(back.out).toContain('Emails: 4 sent, 0 could not be sent')
    expect(smtp.received).toHaveLength(4)
    const after = await t.db.models.OutboxMessage.findAll({ order: [['createdAt', 'ASC']] })
    expect(after.map(m => m.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'failed'])
  })

  it('"Try sending it now" says that it failed and why; once sent, the old error is only history', async () => {
    const { messages } = await requestsWhileDown()
    const [message] = messages
    const page = `/outbox/${message.id}`

    const failed = await submitForm(coordinator, page, {}, `${page}/retry`)
    expect(failed.status).toBe(302)
    const banner = $((await coordinator.get(page)).text)('.govuk-notification-banner')
    expect(banner.text()).toContain('The email could not be sent')
    expect(banner.text()).toContain('ECONNREFUSED')
    expect(banner.text()).toContain('It will be tried again automatically from')
    await message.reload()
    expect(message).toMatchObject({ status: 'retrying', attempts: 2 })

    // The retry happens now, even though the back-off would have it wait.
    await smtp.start()
    const sent = await submitForm(coordinator, page, {}, `${page}/retry`)
    const shown = $((await coordinator.get(sent.headers.location)).text)
    expect(shown('.govuk-notification-banner--success').text()).toContain('The email has been sent, after 3 attempts')
    expect(shown('#delivery').text()).toMatch(/Sent on .+ after 3 attempts/)
    expect(shown('#earlier-error').text()).toContain('An attempt before it was sent failed with:')
    expect(shown('#earlier-error').text()).toContain('ECONNREFUSED')
    expect(shown('#last-error').length).toBe(0)
    expect(shown('main .govuk-tag').first().text().trim()).toBe('Sent')
    expect(shown('form[action$="/retry"]').length).toBe(0)
    expect(smtp.received).toHaveLength(1)

    // Nothing left to retry: a forged post is told so, and nothing is sent twice.
    const forged = await submitForm(coordinator, page, {}, `${page}/retry`)
    expect(forged.status).toBe(302)
    const told = $((await coordinator.get(page)).text)('.govuk-notification-banner').text()
    expect(told).toContain('Only a message that failed can be sent again')
    expect(smtp.received).toHaveLength(1)
  })
})
