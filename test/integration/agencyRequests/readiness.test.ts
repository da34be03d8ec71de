import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { auditRows, GP, POLICE, sendRequests } from './agencyHelpers'

describe('readiness for panel', () => {
  let t: TestApp
  let coordinator: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services)
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  /**
   * A notified case; the post-mortem status is set as the joint agency response section would, and
   * the anonymised summary for the panel written (the pack needs it: a case without one is missing it).
   */
  const caseWith = async (postMortem: 'awaited' | 'required' | 'received') => {
    const record = await buildCase(t.services)
    await t.db.models.Case.update(
      { postMortem, anonymisedCircumstances: 'A young child became unwell at home and died in hospital.' },
      { where: { id: record.id } },
    )
    return record.reload()
  }

  const toPanel = (id: string, version: number, extra: Record<string, string> = {}) =>
    submitForm(coordinator, `/cases/${id}/status`, {
      to: 'ready_for_panel',
      version: String(version),
      reason: '',
      ...extra,
    })

  it('lists what is missing: outstanding reports by agency, the post-mortem, and hold', async () => {
    const record = await caseWith('awaited')
    const { requests } = await sendRequests(t, coordinator, record.id, [GP, POLICE])
    await t.db.models.AgencyRequest.update({ status: 'cancelled' }, { where: { id: requests[1].id } })
    await t.db.models.Case.update(
      { status: 'on_hold', onHoldReason: 'coroner', statusBeforeHold: 'information_gathering' },
      { where: { id: record.id } },
    )

    const items = await t.services.readinessService.missingItems(record.id)
    expect(items.map(i => i.kind)).toEqual(['agency_report', 'post_mortem', 'on_hold'])
    expect(items[0]).toMatchObject({ agency: 'gp', overdue: false, requestId: requests[0].id })
    expect(items.map(i => i.text)).toEqual([
      expect.stringMatching(/^Report from GP due \d+ \w+ \d{4}$/),
      'Post-mortem awaited: report not yet received',
      'The case is on hold (coroner)',
    ])
    const page = $((await coordinator.get(`/cases/${record.id}`)).text)
    expect(page('#readiness').text()).toContain('Before this case can go to panel')
    expect(
      page('#readiness li')
        .toArray()
        .map(li => page(li).text().trim()),
    ).toEqual(items.map(i => i.text))
    expect(page('#readiness a').attr('href')).toBe(`/cases/${record.id}/requests/${requests[0].id}`)
  })

  it('says when nothing is missing, and lets the case go to panel without an override', async () => {
    const record = await caseWith('received')
    await t.db.models.Case.update({ status: 'information_gathering' }, { where: { id: record.id } })
    expect(await t.services.readinessService.missingItems(record.id)).toEqual([])
    const page = $((await coordinator.get(`/cases/${record.id}`)).text)
    expect(page('#readiness').text()).toContain('Nothing is missing')
    const form = $((await coordinator.get(`/cases/${record.id}/status`)).text)
    expect(form('input[name=override_missing]')).toHaveLength(0)
    expect((await toPanel(record.id, record.version)).status).toBe(302)
    await record.reload()
    expect(record.status).toBe('ready_for_panel')
    expect(await t.db.models.AuditEvent.count({ where: { action: 'case_readiness_overridden' } })).toBe(0)
  })

  it('blocks ready for panel with items missing until overridden with a reason, and keeps both', async () => {
    const record = await caseWith('required')
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    await record.reload()
    expect(record.status).toBe('information_gathering')

    const form = $((await coordinator.get(`/cases/${record.id}/status`)).text)
    expect(
      form('#readiness li')
        .toArray()
        .map(li => form(li).text().trim()),
    ).toEqual([expect.stringMatching(/^Report from GP due/), 'Post-mortem required: report not yet received'])

    const blocked = await toPanel(record.id, record.version)
    expect(blocked.status).toBe(400)
    expect(errorSummary(blocked.text)).toEqual([
      ['#override_missing', 'Confirm the case can go to panel without the missing information'],
      ['#reason', 'Give the reason for sending the case to panel with information missing'],
    ])
    expect($(blocked.text)('input[name=to][value=ready_for_panel]').attr('checked')).toBeDefined()
    const noReason = await toPanel(record.id, record.version, { override_missing: 'yes' })
    expect(errorSummary(noReason.text)).toEqual([
      ['#reason', 'Give the reason for sending the case to panel with information missing'],
    ])
    expect($(noReason.text)('#override_missing').attr('checked')).toBeDefined()
    await record.reload()
    expect(record.status).toBe('information_gathering')

    // The service holds the rule too, whatever the page sends.
    await expect(
      t.services.readinessService.changeStatus(
        record.id,
        { to: 'ready_for_panel', version: record.version },
        { confirmed: false, reason: '' },
        { actorUserId: null, requestId: null, ip: null },
      ),
    ).rejects.toMatchObject({ code: 'refused' })

    const reason = 'Panel chair agreed: the GP report will be tabled on the day'
    const overridden = await toPanel(record.id, record.version, { override_missing: 'yes', reason })
    expect(overridden.status).toBe(302)
    await record.reload()
    expect(record.status).toBe('ready_for_panel')
    const history = await t.db.models.CaseStatusChange.findOne({
      where: { caseId: record.id, toStatus: 'ready_for_panel' },
    })
    expect(history).toMatchObject({ fromStatus: 'information_gathering', reasonCode: 'readiness_override', reason })
    const [statusAudit] = await auditRows(t, 'case_status_changed').then(rows =>
      rows.filter(r => r.details.to === 'ready_for_panel'),
    )
    expect(statusAudit.details).toMatchObject({ reasonCode: 'readiness_override' })
    const [override] = await auditRows(t, 'case_readiness_overridden')
    expect(override).toMatchObject({ entityType: 'case', entityId: record.id })
    expect(override.details).toEqual({
      to: 'ready_for_panel',
      reason,
      missing: [
        { kind: 'agency_report', requestId: requests[0].id, agency: 'gp', overdue: false },
        { kind: 'post_mortem', status: 'required' },
      ],
    })
    const page = $((await coordinator.get(`/cases/${record.id}`)).text)
    expect(page('.app-history').text()).toContain(`Sent to panel with information missing: ${reason}`)
    expect(page('ol.govuk-list').last().text()).toContain('Sent to panel with information missing')
    expect(page('#readiness').text()).toContain('Information still missing')
  })

  it('lets a case on hold go back to ready for panel when only the hold was in the way', async () => {
    const record = await buildCase(t.services)
    await t.db.models.Case.update(
      {
        status: 'on_hold',
        onHoldReason: 'police_investigation',
        statusBeforeHold: 'ready_for_panel',
        anonymisedCircumstances: 'A summary for the panel',
      },
      { where: { id: record.id } },
    )
    await record.reload()
    const response = await toPanel(record.id, record.version)
    expect(response.status).toBe(302)
    await record.reload()
    expect(record.status).toBe('ready_for_panel')
  })

  it('lists the anonymised summary and the joint agency response the pack needs, and the pack says so too', async () => {
    const record = await buildCase(t.services, { expected: 'unexpected' })
    await t.db.models.Case.update(
      { status: 'information_gathering', postMortem: 'received' },
      { where: { id: record.id } },
    )
    await record.reload()
    const items = await t.services.readinessService.missingItems(record.id)
    expect(items.map(i => [i.kind, i.text])).toEqual([
      ['anonymised_summary', 'The anonymised summary for the panel has not been written'],
      ['jar_not_recorded', 'For this unexpected death, whether a joint agency response was needed is not recorded'],
    ])
    const page = $((await coordinator.get(`/cases/${record.id}`)).text)
    expect(page('#readiness').text()).toContain('The anonymised summary for the panel has not been written')
    // Going to panel without them needs the override, like any missing item.
    const blocked = await toPanel(record.id, record.version)
    expect(blocked.status).toBe(400)
    expect(errorSummary(blocked.text)[0]).toEqual([
      '#override_missing',
      'Confirm the case can go to panel without the missing information',
    ])
    const overridden = await toPanel(record.id, record.version, { override_missing: 'yes', reason: 'Panel asked' })
    expect(overridden.status).toBe(302)
    const [override] = await auditRows(t, 'case_readiness_overridden')
    expect(override.details).toMatchObject({
      missing: [{ kind: 'anonymised_summary' }, { kind: 'jar_not_recorded' }],
    })

    // On an agenda, the pack itself says what is missing.
    await record.reload()
    const meeting = await t.services.meetingService.schedule(
      {
        meetingDate: '2030-06-04',
        startTime: '10:00',
        location: 'Room 1',
        online: false,
        theme: 'general',
        notes: null,
      },
      { actorUserId: null, requestId: null, ip: null },
    )
    await t.services.agendaService.add(meeting.id, [record.id], { actorUserId: null, requestId: null, ip: null })
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    expect(requests).toHaveLength(1)
    const pack = $((await coordinator.get(`/meetings/${meeting.id}/cases/${record.id}/pack`)).text)
    expect(
      pack(`#missing-${record.id} li`)
        .toArray()
        .map(li => pack(li).text().trim()),
    ).toEqual([
      'The anonymised summary for the panel has not been written',
      'For this unexpected death, whether a joint agency response was needed is not recorded',
      'Report from GP not yet received',
    ])

    await t.db.models.Case.update(
      { anonymisedCircumstances: 'A summary', jarRequired: false },
      { where: { id: record.id } },
    )
    const after = $((await coordinator.get(`/meetings/${meeting.id}/cases/${record.id}/pack`)).text)
    expect(
      after(`#missing-${record.id} li`)
        .toArray()
        .map(li => after(li).text().trim()),
    ).toEqual(['Report from GP not yet received'])
  })
})
