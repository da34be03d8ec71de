import { systemContext } from '../../../src/services/auditContext'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { meetingOn, readyCase } from '../meetings/meetingSetup'

/**
 * A failure in the middle of a multi-row write: the database itself refuses the second agenda
 * row (a trigger made for the test), after the first row, its case status change and its audit
 * row were written in the same transaction. Nothing of it may remain.
 */
describe('a failure half-way through a multi-row write', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp({ asOwner: true })
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(async () => {
    await t.db.sequelize.query('DROP TRIGGER IF EXISTS fail_second_agenda_item ON agenda_items')
    await t.db.sequelize.query('DROP FUNCTION IF EXISTS fail_second_agenda_item()')
    await t.close()
  })

  it('leaves nothing partial: no agenda row, no status change, no audit row', async () => {
    const meeting = await meetingOn(t)
    const first = await readyCase(t)
    const second = await readyCase(t)
    const auditBefore = await t.db.models.AuditEvent.count()
    await t.db.sequelize.query(`
      CREATE FUNCTION fail_second_agenda_item() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.position = 2 THEN RAISE EXCEPTION 'simulated failure on the second row'; END IF;
        RETURN NEW;
      END $$`)
    await t.db.sequelize.query(`
      CREATE TRIGGER fail_second_agenda_item BEFORE INSERT ON agenda_items
      FOR EACH ROW EXECUTE FUNCTION fail_second_agenda_item()`)
    try {
      await expect(t.services.agendaService.add(meeting.id, [first.id, second.id], systemContext())).rejects.toThrow()
    } finally {
      await t.db.sequelize.query('DROP TRIGGER fail_second_agenda_item ON agenda_items')
      await t.db.sequelize.query('DROP FUNCTION fail_second_agenda_item()')
    }
    expect(await t.db.models.AgendaItem.count({ where: { meetingId: meeting.id } })).toBe(0)
    await first.reload()
    expect(first.status).toBe('ready_for_panel')
    expect(await t.db.models.AuditEvent.count()).toBe(auditBefore)

    // The same write, without the fault, goes through whole.
    await t.services.agendaService.add(meeting.id, [first.id, second.id], systemContext())
    expect(await t.db.models.AgendaItem.count({ where: { meetingId: meeting.id } })).toBe(2)
  })
})
