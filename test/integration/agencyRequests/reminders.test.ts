import { PassThrough, Readable } from 'node:stream'
import { Op } from 'sequelize'
import config from '../../../src/config'
import { runCli } from '../../../src/cli/run'
import { addDays, todayInLondon } from '../../../src/domain/dates'
import OutboxService from '../../../src/services/mail/outboxService'
import ReminderJob, { REMINDER_LOCK_KEY } from '../../../src/services/jobs/reminderJob'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { auditRows, GP, POLICE, sendRequests } from './agencyHelpers'

describe('reminders to agencies', () => {
  let t: TestApp
  let coordinator: Agent
  const today = todayInLondon(new Date())
  const due = addDays(today, 28)
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services)
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  /** A reminder job, as one instance would run it, with its clock set to midday on `day`. */
  const jobOn = (day: string) => {
    const now = () => new Date(`${day}T12:00:00Z`)
    const outbox = new OutboxService(t.db, t.services.auditService, null, now)
    return new ReminderJob(t.db, t.services.auditService, outbox, config.agencyRequests.reminderDaysBeforeDue, now)
  }
  const reminders = (kind: string) =>
    t.db.models.OutboxMessage.findAll({ where: { kind }, order: [['toAddress', 'ASC']] })

  it('reminds once before the due date and once when overdue, never twice, even with two runs at once', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP, POLICE], due)
    const [gp] = requests

    // Eight days before: too early.
    expect(await jobOn(addDays(due, -8)).run()).toMatchObject({ ran: true, beforeDue: 0, overdue: 0 })

    // Seven days before: two instances run the job at the same moment, each on its own connection.
    const week = addDays(due, -7)
    const [a, b] = await Promise.all([jobOn(week).run(), jobOn(week).run()])
    expect(a.beforeDue + b.beforeDue).toBe(2)
    expect((await reminders('agency_reminder_before')).map(m => m.toAddress)).toEqual([POLICE.email, GP.email].sort())
    // And again later that week: nothing new.
    expect(await jobOn(addDays(due, -3)).run()).toMatchObject({ ran: true, beforeDue: 0, overdue: 0 })
    await gp.reload()
    expect(gp.reminderBeforeSentAt).toEqual(new Date(`${week}T12:00:00Z`))
    expect(gp.reminderOverdueSentAt).toBeNull()
    expect(gp.version).toBe(0) // a reminder is not an edit: an open page of the request stays current

    // Due today is not overdue yet; the day after, it is, and again two runs at once send one each.
    expect(await jobOn(due).run()).toMatchObject({ overdue: 0 })
    const late = addDays(due, 1)
    const [c, d] = await Promise.all([jobOn(late).run(), jobOn(late).run()])
    expect(c.overdue + d.overdue).toBe(2)
    expect(c.beforeDue + d.beforeDue).toBe(0)
    const [e, f] = await Promise.all([jobOn(addDays(due, 9)).run(), jobOn(addDays(due, 9)).run()])
    expect(e.overdue + f.overdue + e.beforeDue + f.beforeDue).toBe(0)
    const overdue = await reminders('agency_reminder_overdue')
    expect(overdue).toHaveLength(2)
    expect(overdue[0].subject).toBe(`Overdue: information for child death review ${record.caseRef}`)
    expect(overdue[0].bodyText).not.toMatch(/\/agency\//) // reminders never repeat the link
    expect(overdue.every(m => m.status === 'stored')).toBe(true)

    const audits = await auditRows(t, 'agency_reminder_sent')
    expect(audits.map(r => [r.entityId, r.details.agency, r.details.step]).sort()).toEqual(
      [
        [record.id, 'gp', 'before_due'],
        [record.id, 'gp', 'overdue'],
        [record.id, 'police', 'before_due'],
        [record.id, 'police', 'overdue'],
      ].sort(),
    )
    const timeline = $((await coordinator.get(`/cases/${record.id}`)).text)('ol.govuk-list')
      .last()
      .text()
    expect(timeline).toContain('Reminder sent to GP')
    expect(timeline).toContain('Overdue reminder sent to Police')
  })

  it('does nothing while another instance holds the job, and picks up afterwards', async () => {
    const record = await buildCase(t.services)
    await sendRequests(t, coordinator, record.id, [GP], due)
    const overdueDay = addDays(due, 2)
    await t.db.transaction(async transaction => {
      await t.db.sequelize.query('SELECT pg_advisory_xact_lock(:key)', {
        replacements: { key: REMINDER_LOCK_KEY },
        transaction,
      })
      expect(await jobOn(overdueDay).run()).toEqual({
        ran: false,
        beforeDue: 0,
        overdue: 0,
        escalated: 0,
        delivery: null,
      })
    })
    expect(await jobOn(overdueDay).run()).toMatchObject({ ran: true, overdue: 1 })
  })

  it('leaves alone requests that are answered, closed, or whose link was revoked, and skips a reminder the first e-mail makes pointless', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [
      GP,
      POLICE,
      { agency: 'education', name: 'Sam Teacher', email: 'sam@school.example.org' },
      { agency: 'housing', name: 'Ash Housing', email: 'ash@housing.example.org' },
    ])
    const [gp, police, school, housing] = requests
    await t.db.models.AgencyRequest.update(
      { status: 'received', report: { formVersion: 1, answers: {} }, submittedAt: new Date(), receivedVia: 'paper' },
      { where: { id: gp.id } },
    )
    await t.db.models.AgencyRequest.update({ status: 'cancelled' }, { where: { id: police.id } })
    await t.db.models.AgencyRequest.update({ tokenRevokedAt: new Date() }, { where: { id: school.id } })
    // Housing was asked only three days before its due date: its request e-mail is reminder enough.
    const shortDue = addDays(today, 3)
    await t.db.models.AgencyRequest.update({ dueDate: shortDue }, { where: { id: housing.id } })

    expect(await jobOn(addDays(today, 1)).run()).toMatchObject({ beforeDue: 0, overdue: 0 })
    expect(await jobOn(addDays(due, -7)).run()).toMatchObject({ beforeDue: 0, overdue: 1 })
    expect(await jobOn(addDays(due, 5)).run()).toMatchObject({ beforeDue: 0, overdue: 0 })
    const sent = await t.db.models.OutboxMessage.findAll({ where: { kind: { [Op.like]: 'agency_reminder%' } } })
    expect(sent.map(m => [m.kind, m.toAddress])).toEqual([['agency_reminder_overdue', 'ash@housing.example.org']])
  })

  it('shows a request past its due date as overdue without storing it', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    await t.db.models.AgencyRequest.update({ dueDate: addDays(today, -1) }, { where: { id: requests[0].id } })
    const list = $((await coordinator.get(`/cases/${record.id}/requests`)).text)
    expect(list('.govuk-table .govuk-tag').text().trim()).toBe('Overdue')
    await requests[0].reload()
    expect(requests[0].status).toBe('requested')
    const casePage = $((await coordinator.get(`/cases/${record.id}`)).text)
    expect(casePage('#readiness').text()).toContain('Report from GP overdue since')
  })

  it('runs from the command line', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    await t.db.models.AgencyRequest.update({ dueDate: addDays(today, -2) }, { where: { id: requests[0].id } })
    const stdout = new PassThrough()
    let out = ''
    stdout.on('data', chunk => (out += chunk))
    const opened = { db: t.db, url: process.env.DATABASE_URL!, usingEmbedded: false, close: async () => undefined }
    const code = await runCli(
      ['jobs:run-reminders'],
      { stdin: Readable.from(['']), stdout, stderr: new PassThrough() },
      config,
      async () => opened,
    )
    expect(code).toBe(0)
    expect(out).toContain(
      "Sent 0 reminders before the due date and 1 overdue reminder; escalated 0 overdue reports to the agency's lead.",
    )
    expect(out).toContain('no mail server is set up')
  })
})
