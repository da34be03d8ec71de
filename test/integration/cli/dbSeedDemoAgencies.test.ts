import { Sequelize } from 'sequelize'
import { loadDemoSeeder } from '../../../src/cli/commands/dbSeedDemo'
import { todayInLondon } from '../../../src/domain/dates'
import { displayStatus } from '../../../src/services/agencyRequests/requestStatus'
import { runCliInTest } from '../../helpers/cli'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('the demo data: requests for information and the joint agency response', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('makes requests in every state, with reports, overdue reminders, an escalation and JAR events, through the services, once', async () => {
    const run = await runCliInTest(t, ['db:seed:demo'])
    expect(run).toMatchObject({ code: 0, err: '' })
    expect(run.out).toMatch(
      /Created 10 requests for information \(5 answered, 3 overdue and reminded, 2 escalated to the agency's lead\) and \d+ joint agency response events\./,
    )

    const today = todayInLondon(new Date())
    const requests = await t.db.models.AgencyRequest.findAll()
    expect(new Set(requests.map(r => displayStatus(r, today)))).toEqual(
      new Set(['requested', 'overdue', 'received', 'not_involved', 'cancelled']),
    )
    expect(new Set(requests.filter(r => r.status === 'received').map(r => r.receivedVia))).toEqual(
      new Set(['link', 'paper']),
    )
    expect(requests.some(r => r.status === 'requested' && r.reportDraft)).toBe(true)
    const kinds = (await t.db.models.OutboxMessage.findAll()).map(m => [m.kind, m.status])
    expect(kinds.filter(([kind]) => kind === 'agency_reminder_overdue')).toHaveLength(3)
    expect(kinds.filter(([kind]) => kind === 'agency_escalation')).toHaveLength(2)
    expect(kinds.every(([, status]) => status === 'stored')).toBe(true) // nothing e-mailed
    expect(await t.db.models.AgencyLead.count()).toBe(4)

    const events = await t.db.models.JarEvent.findAll()
    expect(events.length).toBeGreaterThan(0)
    const cases = await t.db.models.Case.findAll({ where: { id: [...new Set(events.map(e => e.caseId))] } })
    for (const event of events) {
      const record = cases.find(c => c.id === event.caseId)!
      expect(record.expected).toBe('unexpected')
      expect(event.eventDate >= record.dateOfDeath && event.eventDate <= today).toBe(true)
    }
    // Through the services: every change is in the audit log, against its case.
    expect(await t.db.models.AuditEvent.count({ where: { action: 'agency_request_sent' } })).toBe(10)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'jar_event_added' } })).toBe(events.length)

    const again = await runCliInTest(t, ['db:seed:demo'])
    expect(again.code).toBe(0)
    expect(again.out).not.toContain('requests for information')
    expect(await t.db.models.AgencyRequest.count()).toBe(10)
  })

  it('is removed by the seeder’s down with the demo cases', async () => {
    expect((await runCliInTest(t, ['db:seed:demo'])).code).toBe(0)
    await loadDemoSeeder().down(t.db.sequelize.getQueryInterface())
    expect(await t.db.models.Case.count()).toBe(0)
    expect(await t.db.models.AgencyRequest.count()).toBe(0)
    expect(await t.db.models.JarEvent.count()).toBe(0)
    expect(await t.db.models.AgencyLead.count()).toBe(0)
    expect(Sequelize).toBeDefined()
  })
})
