import { systemContext } from '../../../src/services/auditContext'
import ServiceError from '../../../src/services/serviceError'
import { buildCase } from '../../factories'
import { Agent, submitForm } from '../../helpers/agent'
import { $, errorSummary, attributesOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { meetingOn, onAgenda, readyCase, signedIn } from './meetingSetup'

describe('the agenda of a panel meeting', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    ;({ agent } = await signedIn(t))
  })
  afterAll(() => t.close())

  const agendaRefs = async (meetingId: string) => {
    const page = await agent.get(`/meetings/${meetingId}`)
    const html = $(page.text)
    return html('#agenda')
      .nextAll('table')
      .first()
      .find('tbody tr td:nth-child(2) a:first-child')
      .toArray()
      .map(a => html(a).text().trim())
  }

  it('offers only cases ready for panel and not on an open agenda, without names', async () => {
    const meeting = await meetingOn(t)
    const ready = await readyCase(t, { givenNames: 'Zebedee', familyName: 'Quenby' })
    const scheduledElsewhere = await readyCase(t)
    await onAgenda(t, (await meetingOn(t, '2030-07-01')).id, scheduledElsewhere)
    const notReady = await buildCase(t.services)
    const page = await agent.get(`/meetings/${meeting.id}/agenda/add`).expect(200)
    const offered = attributesOf(page.text, 'input[name=cases]', 'value')
    expect(offered).toEqual([ready.id])
    expect(page.text).toContain(ready.caseRef)
    expect(page.text).toContain('1 to 4 years')
    expect(page.text).not.toContain(notReady.caseRef)
    expect(page.text).not.toContain('Zebedee')
    expect(page.text).not.toContain('Quenby')
  })

  it('adds cases in one transaction with the status change, its history and the audit', async () => {
    const meeting = await meetingOn(t)
    const first = await readyCase(t)
    const second = await readyCase(t)
    const response = await submitForm(agent, `/meetings/${meeting.id}/agenda/add`, { cases: [first.id, second.id] })
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe(`/meetings/${meeting.id}#agenda`)
    for (const record of [first, second]) {
      await record.reload()
      expect(record.status).toBe('scheduled')
      const history = await t.db.models.CaseStatusChange.findOne({
        where: { caseId: record.id, toStatus: 'scheduled' },
      })
      expect(history).toMatchObject({
        fromStatus: 'ready_for_panel',
        reason: 'Added to the agenda of the panel meeting on 4 June 2030',
      })
      expect(history!.changedBy).not.toBeNull()
      const audit = await t.db.models.AuditEvent.findOne({
        where: { action: 'agenda_case_added', entityType: 'case', entityId: record.id },
      })
      expect(audit!.details).toMatchObject({ meetingId: meeting.id })
    }
    expect(await agendaRefs(meeting.id)).toEqual([first.caseRef, second.caseRef])
    // The case page's timeline says so in words.
    const casePage = await agent.get(`/cases/${first.id}`)
    expect(casePage.text).toContain('Added to the agenda of the panel meeting on 4 June 2030')
  })

  it('asks for a selection when nothing is chosen', async () => {
    const meeting = await meetingOn(t)
    await readyCase(t)
    const response = await submitForm(agent, `/meetings/${meeting.id}/agenda/add`, {})
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([['#cases', 'Select the cases to add to the agenda']])
  })

  it('refuses a case already on an open agenda, or not ready, and changes nothing', async () => {
    const june = await meetingOn(t)
    const july = await meetingOn(t, '2030-07-01')
    const taken = await readyCase(t)
    const fine = await readyCase(t)
    const notReady = await buildCase(t.services)
    await onAgenda(t, june.id, taken)
    const response = await submitForm(agent, `/meetings/${july.id}/agenda/add`, { cases: [fine.id, taken.id] })
    expect(response.status).toBe(409)
    expect(errorSummary(response.text)[0][1]).toBe(
      `${taken.caseRef} is already on the agenda of an open meeting (the meeting on 4 June 2030)`,
    )
    // All or nothing: the first case was not added either.
    await fine.reload()
    expect(fine.status).toBe('ready_for_panel')
    expect(await t.db.models.AgendaItem.count({ where: { meetingId: july.id } })).toBe(0)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'agenda_case_added', entityId: fine.id } })).toBe(0)

    const refused = await submitForm(agent, `/meetings/${july.id}/agenda/add`, { cases: [notReady.id] })
    expect(refused.status).toBe(409)
    expect(errorSummary(refused.text)[0][1]).toBe(
      `${notReady.caseRef} is not ready for panel, so it cannot go on an agenda`,
    )
  })

  it('lets only one of two simultaneous additions of the same case succeed', async () => {
    const june = await meetingOn(t)
    const july = await meetingOn(t, '2030-07-01')
    const record = await readyCase(t)
    const results = await Promise.allSettled([
      t.services.agendaService.add(june.id, [record.id], systemContext()),
      t.services.agendaService.add(july.id, [record.id], systemContext()),
    ])
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1)
    const failure = results.find(r => r.status === 'rejected') as PromiseRejectedResult
    expect(ServiceError.is(failure.reason, 'refused')).toBe(true)
    expect(await t.db.models.AgendaItem.count({ where: { caseId: record.id, outcome: 'pending' } })).toBe(1)
  })

  it('turns the unique index violation into a clear refusal', async () => {
    const meeting = await meetingOn(t)
    const record = await readyCase(t)
    // A pending item the service's own check cannot see (as in a race it lost): only the index catches it.
    const findOne = t.db.models.AgendaItem.findOne
    t.db.models.AgendaItem.findOne = (async () => null) as typeof findOne
    try {
      await t.db.models.AgendaItem.create({
        meetingId: (await meetingOn(t, '2030-08-01')).id,
        caseId: record.id,
        position: 1,
      })
      await expect(t.services.agendaService.add(meeting.id, [record.id], systemContext())).rejects.toThrow(
        'A case you selected is already on the agenda of an open meeting. Nothing was added',
      )
    } finally {
      t.db.models.AgendaItem.findOne = findOne
    }
    await record.reload()
    expect(record.status).toBe('ready_for_panel')
  })

  it('orders the agenda with Move up and Move down', async () => {
    const meeting = await meetingOn(t)
    const [a, b, c] = [await readyCase(t), await readyCase(t), await readyCase(t)]
    await onAgenda(t, meeting.id, a, b, c)
    const items = await t.db.models.AgendaItem.findAll({ where: { meetingId: meeting.id } })
    const itemOf = (id: string) => items.find(i => i.caseId === id)!.id
    const page = await agent.get(`/meetings/${meeting.id}`)
    // No "Move up" for the first item, no "Move down" for the last.
    expect($(page.text)(`form[action$="/agenda/${itemOf(a.id)}/move"] input[value=up]`)).toHaveLength(0)
    expect($(page.text)(`form[action$="/agenda/${itemOf(c.id)}/move"] input[value=down]`)).toHaveLength(0)

    const move = (caseId: string, direction: string) =>
      submitForm(
        agent,
        `/meetings/${meeting.id}`,
        { direction },
        `/meetings/${meeting.id}/agenda/${itemOf(caseId)}/move`,
      )
    await move(c.id, 'up').then(r => expect(r.status).toBe(302))
    expect(await agendaRefs(meeting.id)).toEqual([a.caseRef, c.caseRef, b.caseRef])
    await move(a.id, 'down').then(r => expect(r.status).toBe(302))
    expect(await agendaRefs(meeting.id)).toEqual([c.caseRef, a.caseRef, b.caseRef])
    await move(c.id, 'up') // already first: nothing happens
    expect(await agendaRefs(meeting.id)).toEqual([c.caseRef, a.caseRef, b.caseRef])
    await move(a.id, 'sideways').then(r => expect(r.status).toBe(400))
    expect(await t.db.models.AuditEvent.count({ where: { action: 'agenda_reordered', entityId: meeting.id } })).toBe(2)
  })

  it('removes a case from the agenda, back to ready for panel, with history and audit', async () => {
    const meeting = await meetingOn(t)
    const [a, b] = [await readyCase(t), await readyCase(t)]
    await onAgenda(t, meeting.id, a, b)
    const item = await t.db.models.AgendaItem.findOne({ where: { caseId: a.id } })
    const response = await submitForm(
      agent,
      `/meetings/${meeting.id}`,
      {},
      `/meetings/${meeting.id}/agenda/${item!.id}/remove`,
    )
    expect(response.status).toBe(302)
    await a.reload()
    expect(a.status).toBe('ready_for_panel')
    await item!.reload()
    expect(item!.outcome).toBe('removed')
    expect(
      await t.db.models.CaseStatusChange.findOne({ where: { caseId: a.id, fromStatus: 'scheduled' } }),
    ).toMatchObject({
      toStatus: 'ready_for_panel',
      reason: 'Removed from the agenda of the panel meeting on 4 June 2030',
    })
    expect(await t.db.models.AuditEvent.count({ where: { action: 'agenda_case_removed', entityId: a.id } })).toBe(1)
    expect(await agendaRefs(meeting.id)).toEqual([b.caseRef])
    const flash = await agent.get(`/meetings/${meeting.id}`)
    expect(flash.text).not.toContain('Nothing was changed')

    // It can go on another agenda now.
    const july = await meetingOn(t, '2030-07-01')
    await submitForm(agent, `/meetings/${july.id}/agenda/add`, { cases: [a.id] }).then(r => expect(r.status).toBe(302))
    await a.reload()
    expect(a.status).toBe('scheduled')
  })

  it('keeps a case the panel has decided on', async () => {
    const meeting = await meetingOn(t)
    const record = await readyCase(t)
    await onAgenda(t, meeting.id, record)
    const item = await t.db.models.AgendaItem.findOne({ where: { caseId: record.id } })
    await item!.update({ outcome: 'reviewed' })
    const response = await submitForm(
      agent,
      `/meetings/${meeting.id}`,
      {},
      `/meetings/${meeting.id}/agenda/${item!.id}/remove`,
    )
    expect(response.status).toBe(302)
    const page = await agent.get(`/meetings/${meeting.id}`)
    expect(page.text).toContain('The panel has already decided on this case, so it stays on the agenda')
    await item!.reload()
    expect(item!.outcome).toBe('reviewed')
  })
})
