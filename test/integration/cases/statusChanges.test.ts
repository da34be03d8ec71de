import type { CaseStatus } from '../../../src/domain/codes'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { systemContext } from '../../../src/services/auditContext'

describe('changing the status of a case', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const coordinator = await buildUser(t.services)
    agent = await signInAs(t, coordinator)
  })
  afterAll(() => t.close())

  /**
   * Puts a case into a status directly, as earlier steps (meetings, reviews) would, with the
   * anonymised summary the panel's pack needs already written.
   */
  const caseIn = async (status: CaseStatus, extra: Record<string, unknown> = {}) => {
    const record = await buildCase(t.services)
    await t.db.models.Case.update(
      { status, anonymisedCircumstances: 'A summary for the panel', ...extra },
      { where: { id: record.id } },
    )
    return (await t.services.caseService.findById(record.id))!
  }
  const change = (id: string, fields: Record<string, string>) => submitForm(agent, `/cases/${id}/status`, fields)

  it.each([
    ['notified', 'information_gathering', {}],
    ['information_gathering', 'ready_for_panel', {}],
    ['notified', 'transferred_out', { reason: 'The child lived in Westshire' }],
    ['information_gathering', 'out_of_scope', { reason: 'Stillbirth: joint agency response only' }],
    ['transferred_out', 'information_gathering', { reason: 'Transferred back to us' }],
  ] as [CaseStatus, CaseStatus, Record<string, string>][])(
    'moves a case from %s to %s, keeping who, when and why',
    async (from, to, extra) => {
      const record = await caseIn(from)
      const response = await change(record.id, { to, version: String(record.version), reason: '', ...extra })
      expect(response.status).toBe(302)
      await record.reload()
      expect(record.status).toBe(to)
      const history = await t.db.models.CaseStatusChange.findOne({ where: { caseId: record.id, toStatus: to } })
      expect(history).toMatchObject({ fromStatus: from, reason: extra.reason ?? null })
      expect(history!.changedBy).not.toBeNull()
      expect(
        await t.db.models.AuditEvent.count({ where: { action: 'case_status_changed', entityId: record.id } }),
      ).toBe(1)
    },
  )

  it('undoes a mistaken "ready for panel" back to information gathering, only with a reason', async () => {
    const record = await caseIn('ready_for_panel')
    const page = $((await agent.get(`/cases/${record.id}/status`)).text)
    expect(page('main').text()).toContain('Back to information gathering')
    const version = String(record.version)
    const missing = await change(record.id, { to: 'information_gathering', version, reason: '' })
    expect(missing.status).toBe(400)
    expect(errorSummary(missing.text)).toEqual([['#reason', 'Give the reason for this change']])
    const tooLong = await change(record.id, { to: 'information_gathering', version, reason: 'x'.repeat(20_000) })
    expect(tooLong.status).toBe(400)
    const done = await change(record.id, {
      to: 'information_gathering',
      version,
      reason: 'Marked ready by mistake: the police report is still awaited',
    })
    expect(done.status).toBe(302)
    await record.reload()
    expect(record.status).toBe('information_gathering')
    const history = await t.db.models.CaseStatusChange.findOne({
      where: { caseId: record.id, toStatus: 'information_gathering' },
    })
    expect(history).toMatchObject({
      fromStatus: 'ready_for_panel',
      reason: 'Marked ready by mistake: the police report is still awaited',
    })
    const shown = $((await agent.get(`/cases/${record.id}`)).text)('main').text()
    expect(shown).toContain('Marked ready by mistake: the police report is still awaited')
    // Sent again with the old version: refused, nothing changed twice.
    const stale = await change(record.id, { to: 'information_gathering', version, reason: 'Again' })
    expect(stale.status).not.toBe(302)
    expect(await t.db.models.CaseStatusChange.count({ where: { caseId: record.id } })).toBe(2)
  })

  it('puts a case on hold with its reason, and takes it off hold back to where it was', async () => {
    const record = await caseIn('ready_for_panel')
    const version = String(record.version)
    const missing = await change(record.id, { to: 'on_hold', version, reason: '' })
    expect(errorSummary(missing.text)).toEqual([
      ['#reason_code', 'Select why the case is on hold'],
      ['#reason', 'Give the reason for this change'],
    ])
    expect($(missing.text)('input[name=to][value=on_hold]').attr('checked')).toBeDefined()
    await change(record.id, { to: 'on_hold', reason_code: 'coroner', reason: 'Inquest opened', version }).then(r =>
      expect(r.status).toBe(302),
    )
    await record.reload()
    expect(record).toMatchObject({ status: 'on_hold', onHoldReason: 'coroner', statusBeforeHold: 'ready_for_panel' })
    const page = await agent.get(`/cases/${record.id}`)
    expect(page.text).toContain('On hold: Coroner')

    await change(record.id, { to: 'ready_for_panel', version: String(record.version), reason: '' }).then(r =>
      expect(r.status).toBe(302),
    )
    await record.reload()
    expect(record).toMatchObject({ status: 'ready_for_panel', onHoldReason: null, statusBeforeHold: null })
  })

  it('reopens a reviewed case only with a reason, taking it out of the reviews of its year', async () => {
    const record = await caseIn('reviewed', {
      reviewDate: '2025-09-01',
      category: 5,
      modifiableFactors: 'not_identified',
    })
    const version = String(record.version)
    const refused = await change(record.id, { to: 'information_gathering', version, reason: '' })
    expect(refused.status).toBe(400)
    await change(record.id, { to: 'information_gathering', version, reason: 'New evidence from the inquest' }).then(r =>
      expect(r.status).toBe(302),
    )
    await record.reload()
    expect(record).toMatchObject({
      status: 'information_gathering',
      reviewDate: null,
      category: null,
      modifiableFactors: null,
    })
    const audit = await t.db.models.AuditEvent.findOne({
      where: { action: 'case_status_changed', entityId: record.id },
    })
    expect(audit!.details).toMatchObject({ from: 'reviewed', to: 'information_gathering' })
  })

  it.each([
    ['notified', 'reviewed'],
    ['notified', 'ready_for_panel'],
    ['ready_for_panel', 'scheduled'], // only through a meeting's agenda
    ['scheduled', 'reviewed'], // only by finalising the review
    ['reviewed', 'out_of_scope'],
    ['information_gathering', 'banana'],
  ])('refuses to move a case from %s to %s and changes nothing', async (from, to) => {
    const reviewed =
      from === 'reviewed' ? { reviewDate: '2025-09-01', category: 5, modifiableFactors: 'not_identified' } : {}
    const record = await caseIn(from as CaseStatus, reviewed)
    const response = await change(record.id, { to, version: String(record.version), reason: 'because' })
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([['#to', 'Select what to do with the case']])
    await record.reload()
    expect(record.status).toBe(from)
    expect(await t.db.models.CaseStatusChange.count({ where: { caseId: record.id } })).toBe(1)
  })

  it('refuses a status change made on an out-of-date page', async () => {
    const record = await caseIn('information_gathering')
    const opened = String(record.version)
    await t.services.caseService.changeStatus(
      record.id,
      { to: 'ready_for_panel', version: record.version },
      systemContext(),
    )
    const response = await change(record.id, { to: 'transferred_out', version: opened, reason: 'Moved' })
    expect(response.status).toBe(409)
    expect(errorSummary(response.text)[0][1]).toMatch(/Someone else changed this case.*It is now ready for panel/)
    await record.reload()
    expect(record.status).toBe('ready_for_panel')
  })

  it('keeps transferred-out and out-of-scope cases findable', async () => {
    const record = await caseIn('transferred_out')
    const list = await agent.get('/cases?status=transferred_out')
    expect(list.text).toContain(record.caseRef)
  })
})
