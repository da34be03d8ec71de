import { systemContext } from '../../../src/services/auditContext'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { invite, meetingOn, onAgenda, readyCase, signedIn } from './meetingSetup'

describe('a declared interest follows the case', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('keeps the pack closed to the member when a deferred case comes back to a later meeting', async () => {
    const { user, agent } = await signedIn(t, ['panel_member'])
    const record = await readyCase(t)
    const first = await meetingOn(t, '2030-06-04')
    await invite(t, first.id, user.id)
    await onAgenda(t, first.id, record)
    await t.db.models.DeclarationOfInterest.create({
      meetingId: first.id,
      caseId: record.id,
      userId: user.id,
      description: 'I was the GP',
      recordedBy: null,
    })
    // The case leaves the first agenda and returns to ready for panel, then goes on a later meeting.
    await t.db.models.AgendaItem.update({ outcome: 'deferred' }, { where: { meetingId: first.id, caseId: record.id } })
    const back = (await t.services.caseService.findById(record.id))!
    await t.services.caseService.changeStatus(
      record.id,
      { to: 'ready_for_panel', version: back.version },
      systemContext(),
    )
    const later = await meetingOn(t, '2030-07-02')
    await invite(t, later.id, user.id)
    await onAgenda(t, later.id, record)

    expect(await t.services.meetingService.hasDeclaredInterest(later.id, record.id, user.id)).toBe(true)
    const pack = await agent.get(`/meetings/${later.id}/cases/${record.id}/pack`)
    expect(pack.status).toBe(403)
  })
})
