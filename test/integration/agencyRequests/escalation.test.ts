import config from '../../../src/config'
import { addDays, todayInLondon } from '../../../src/domain/dates'
import ReminderJob from '../../../src/services/jobs/reminderJob'
import type { MailTransport } from '../../../src/services/mail/mailTransport'
import OutboxService from '../../../src/services/mail/outboxService'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { auditRows, GP, POLICE, sendRequests } from './agencyHelpers'

const LEAD = { name: 'Dr Lee Lead', email: 'lee.lead@gp.example.org' }

describe('chasing an agency: the history of reminders, and escalation to its named lead', () => {
  let t: TestApp
  let coordinator: Agent
  let admin: Agent
  const today = todayInLondon(new Date())
  const due = addDays(today, 28)
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services)
    coordinator = await signInAs(t, user)
    const administrator = await buildUser(t.services, { roles: ['admin'] })
    admin = await signInAs(t, administrator)
  })
  afterAll(() => t.close())

  /** The reminder job as one instance runs it, at midday on `day`, escalating 7 days after the overdue reminder. */
  const jobOn = (day: string, transport: MailTransport | null = null) => {
    const now = () => new Date(`${day}T12:00:00Z`)
    const outbox = new OutboxService(t.db, t.services.auditService, transport, now)
    return new ReminderJob(t.db, t.services.auditService, outbox, 7, now, 7)
  }
  const failing: MailTransport = {
    send: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
  }
  const setLead = (agency: string, fields: Record<string, string>) =>
    submitForm(admin, `/settings/agency-leads/${agency}`, fields)

  it('lets an administrator keep a lead per agency, validated, audited and not overwritten by a second editor', async () => {
    const list = $((await admin.get('/settings/agency-leads')).text)
    expect(list('#agency-leads tbody tr')).toHaveLength(18) // every agency but "other"
    expect(list('#agency-leads').text()).not.toContain('Other')

    const wrong = await setLead('gp', { version: '0', lead_name: '', lead_email: 'not an email' })
    expect(wrong.status).toBe(400)
    expect(errorSummary(wrong.text)).toEqual([
      ['#lead_name', 'Enter the name of the lead for GP'],
      ['#lead_email', 'Enter an email address in the correct format, like name@example.com'],
    ])
    expect($(wrong.text)('#lead_email').val()).toBe('not an email')
    const tooLong = await setLead('gp', { version: '0', lead_name: 'n'.repeat(201), lead_email: LEAD.email })
    expect(errorSummary(tooLong.text)).toEqual([['#lead_name', 'Name must be 200 characters or fewer']])

    const saved = await setLead('gp', { version: '0', lead_name: LEAD.name, lead_email: LEAD.email })
    expect(saved.status).toBe(302)
    const lead = (await t.db.models.AgencyLead.findByPk('gp'))!
    expect(lead).toMatchObject({ leadName: LEAD.name, leadEmail: LEAD.email, version: 1 })
    expect($((await admin.get('/settings/agency-leads')).text)('#agency-leads').text()).toContain(LEAD.email)

    // A form opened before that first save is told, and keeps what was typed.
    const stale = await setLead('gp', { version: '0', lead_name: 'Someone Else', lead_email: 'else@gp.example.org' })
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][1]).toMatch(/The lead is now Dr Lee Lead \(lee.lead@gp.example.org\)/)
    expect($(stale.text)('#lead_name').val()).toBe('Someone Else')
    expect($(stale.text)('input[name=version]').val()).toBe('1')

    const removed = await setLead('gp', { version: '1', action: 'remove' })
    expect(removed.status).toBe(302)
    expect(await t.db.models.AgencyLead.count()).toBe(0)
    const audits = await auditRows(t, 'agency_lead_changed')
    expect(audits.map(a => a.details)).toEqual([
      { agency: 'gp', change: 'added' },
      { agency: 'gp', change: 'removed' },
    ])
    expect(JSON.stringify(audits.map(a => a.details))).not.toContain('example.org')

    expect((await admin.get('/settings/agency-leads/other')).status).toBe(404)
    expect((await admin.get('/settings/agency-leads/the_moon')).status).toBe(404)
    expect((await coordinator.get('/settings/agency-leads')).status).toBe(403)
    expect((await coordinator.get('/settings/agency-leads/gp')).status).toBe(403)
  })

  it('escalates an overdue report once to the lead, some days after the overdue reminder, and shows it all on the request', async () => {
    await setLead('gp', { version: '0', lead_name: LEAD.name, lead_email: LEAD.email })
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP, POLICE], due)
    const [gp, police] = requests

    await jobOn(addDays(due, -7)).run()
    const late = addDays(due, 1)
    expect(await jobOn(late).run()).toMatchObject({ overdue: 2, escalated: 0 })
    // Six days after the overdue reminder: not yet.
    expect(await jobOn(addDays(late, 6)).run()).toMatchObject({ overdue: 0, escalated: 0 })
    // Seven days after, two instances at once: one escalation, to the GP's lead only (the police have none).
    const week = addDays(late, 7)
    const [a, b] = await Promise.all([jobOn(week).run(), jobOn(week).run()])
    expect(a.escalated + b.escalated).toBe(1)
    expect(await jobOn(addDays(week, 10)).run()).toMatchObject({ escalated: 0 })

    const escalations = await t.db.models.OutboxMessage.findAll({ where: { kind: 'agency_escalation' } })
    expect(escalations.map(m => [m.toAddress, m.requestId])).toEqual([[LEAD.email, gp.id]])
    const [message] = escalations
    expect(message.subject).toBe(`Escalation: overdue information for child death review ${record.caseRef}`)
    expect(message.bodyText).toContain(`Dear ${LEAD.name},`)
    expect(message.bodyText).toContain(GP.name)
    expect(message.bodyText).not.toMatch(/\/agency\//) // never the link
    expect(message.bodyText).not.toContain(record.familyName!)
    await gp.reload()
    expect(gp.escalationSentAt).toEqual(new Date(`${week}T12:00:00Z`))
    expect(gp.version).toBe(0) // not an edit of the request

    const steps = (await auditRows(t, 'agency_reminder_sent')).map(r => [r.details.agency, r.details.step])
    expect(steps.filter(([, step]) => step === 'escalation')).toEqual([['gp', 'escalation']])
    const timeline = $((await coordinator.get(`/cases/${record.id}`)).text)('ol.govuk-list')
      .last()
      .text()
    expect(timeline).toContain('Overdue report escalated to the lead for GP')

    // The request shows each reminder: when, to whom, delivered or not.
    const page = $((await coordinator.get(`/cases/${record.id}/requests/${gp.id}`)).text)
    const history = page('#chasing-history tbody tr')
      .toArray()
      .map(row =>
        page(row)
          .find('td')
          .toArray()
          .map(cell => page(cell).text().replace(/\s+/g, ' ').trim()),
      )
    expect(history.map(([, what, to]) => [what, to])).toEqual([
      ['Reminder before the due date', GP.email],
      ['Overdue reminder', GP.email],
      ['Escalation to the agency’s lead', LEAD.email],
    ])
    expect(history.every(([, , , delivered]) => delivered.includes('Not emailed: no mail server is set up'))).toBe(true)
    expect(page('#escalation').length).toBe(0) // done: it is in the history

    const policePage = $((await coordinator.get(`/cases/${record.id}/requests/${police.id}`)).text)
    expect(policePage('#escalation').text()).toContain('No lead contact is set up for this agency')
  })

  it('shows a reminder that could not be delivered, with its error, and escalates when a lead is set up later', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP], due)
    const late = addDays(due, 1)
    await jobOn(late, failing).run()
    expect(await jobOn(addDays(late, 8)).run()).toMatchObject({ escalated: 0 }) // no lead yet
    await setLead('gp', { version: '0', lead_name: LEAD.name, lead_email: LEAD.email })
    expect(await jobOn(addDays(late, 9)).run()).toMatchObject({ escalated: 1 })

    const page = $((await coordinator.get(`/cases/${record.id}/requests/${requests[0].id}`)).text)
    const rows = page('#chasing-history tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows.first().text()).toContain('Failed, will try again')
    expect(rows.first().text()).toContain('Last error: ECONNREFUSED')
    expect(rows.last().text()).toContain(LEAD.email)
  })

  it('does not escalate a request that was answered, closed or whose link was revoked', async () => {
    for (const agency of ['gp', 'police', 'education'])
      await setLead(agency, { version: '0', lead_name: LEAD.name, lead_email: `${agency}.lead@example.org` })
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(
      t,
      coordinator,
      record.id,
      [GP, POLICE, { agency: 'education', name: 'Sam Teacher', email: 'sam@school.example.org' }],
      due,
    )
    const late = addDays(due, 1)
    expect(await jobOn(late).run()).toMatchObject({ overdue: 3 })
    const [gp, police, school] = requests
    await t.db.models.AgencyRequest.update(
      { status: 'received', report: { formVersion: 1, answers: {} }, submittedAt: new Date(), receivedVia: 'paper' },
      { where: { id: gp.id } },
    )
    await t.db.models.AgencyRequest.update({ status: 'cancelled' }, { where: { id: police.id } })
    await t.db.models.AgencyRequest.update({ tokenRevokedAt: new Date() }, { where: { id: school.id } })
    expect(await jobOn(addDays(late, 30)).run()).toMatchObject({ escalated: 0 })
    expect(config.agencyRequests.escalationDaysAfterOverdue).toBe(7)
  })
})
