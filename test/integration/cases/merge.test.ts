import { Op, QueryTypes } from 'sequelize'
import { caseSections } from '../../../src/forms/caseFields'
import { IN_SCOPE } from '../../../src/services/statistics/sqlExpressions'
import { systemContext } from '../../../src/services/auditContext'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, csrfTokenFrom, submitForm } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { GP, sendRequests } from '../agencyRequests/agencyHelpers'
import { meetingOn, onAgenda, readyCase } from '../meetings/meetingSetup'

describe('merging two cases of the same child', () => {
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

  const pair = async () => {
    const keep = await buildCase(t.services, {
      givenNames: 'Tess',
      familyName: 'McTestface',
      nhsNumber: null,
      nhsNumberMissingReason: 'not_yet_available',
      dateOfBirth: '2024-03-05',
      postcode: null,
    })
    const other = await readyCase(t, {
      givenNames: 'Tess',
      familyName: 'McTestfase',
      nhsNumber: '9434765919',
      nhsNumberMissingReason: null,
      dateOfBirth: '2024-05-03',
      postcode: 'SW1A 1AA',
    })
    return { keep, other }
  }
  const compareUrl = (keepId: string, otherId: string) => `/cases/${keepId}/merge/${otherId}`

  it('finds the other case by reference or from the duplicate warning, compares, and merges with both histories', async () => {
    const { keep, other } = await pair()
    // The case page warns of the duplicate and links to the comparison.
    const casePage = $((await agent.get(`/cases/${keep.id}`).expect(200)).text)
    expect(casePage('#possible-duplicates').text()).toContain(other.caseRef)
    expect(casePage(`#possible-duplicates a[href="${compareUrl(keep.id, other.id)}"]`).length).toBe(1)

    const picked = await submitForm(agent, `/cases/${keep.id}/merge`, { other_ref: other.caseRef.toLowerCase() })
    expect(picked.status).toBe(303)
    expect(picked.headers.location).toBe(compareUrl(keep.id, other.id))

    const { requests } = await sendRequests(t, agent, other.id, [GP])
    const meeting = await meetingOn(t)
    await onAgenda(t, meeting.id, other)
    const changesOf = (id: string) =>
      t.db.models.AuditEvent.count({ where: { entityType: 'case', entityId: id, action: { [Op.ne]: 'case_viewed' } } })
    const otherAudit = await changesOf(other.id)

    const page = $((await agent.get(compareUrl(keep.id, other.id)).expect(200)).text)
    // A radio for each differing field, defaulting to the recorded value.
    expect(page('input[name="choice_family_name"]').length).toBe(2)
    expect(page('input[name="choice_given_names"]').length).toBe(0) // the same on both
    expect(page('input[name="choice_family_name"][value="keep"]').attr('checked')).toBeDefined()
    expect(page('input[name="choice_nhs_number"][value="other"]').attr('checked')).toBeDefined()
    const fields: Record<string, string> = {}
    page('input[type="radio"][checked], input[type="hidden"]').each((_, el) => {
      fields[page(el).attr('name')!] = page(el).attr('value')!
    })
    fields.choice_date_of_birth = 'keep'
    const missingConfirm = await agent
      .post(compareUrl(keep.id, other.id))
      .type('form')
      .send({ ...fields })
    expect(missingConfirm.status).toBe(400)
    expect(errorSummary(missingConfirm.text).map(([href]) => href)).toEqual(['#confirm'])

    const merged = await agent
      .post(compareUrl(keep.id, other.id))
      .type('form')
      .send({ ...fields, confirm: 'yes' })
    expect(merged.status).toBe(303)
    expect(merged.headers.location).toBe(`/cases/${keep.id}`)

    await keep.reload()
    await other.reload()
    expect(keep).toMatchObject({ familyName: 'McTestface', nhsNumber: '9434765919', dateOfBirth: '2024-03-05' })
    expect(keep.postcode).toBe('SW1A 1AA')
    expect(other).toMatchObject({ status: 'merged', mergedIntoId: keep.id })
    expect(await t.db.models.AgencyRequest.count({ where: { caseId: keep.id } })).toBe(1)
    expect(await t.db.models.AgencyRequest.count({ where: { caseId: other.id } })).toBe(0)
    expect((await requests[0].reload()).caseId).toBe(keep.id)
    expect(await t.db.models.AgendaItem.count({ where: { caseId: keep.id } })).toBe(1)
    // Status history of both, on the kept case; the merged case keeps only its "merged" row.
    const history = await t.db.models.CaseStatusChange.findAll({ where: { caseId: keep.id } })
    expect(history.map(h => h.toStatus).sort()).toEqual(
      ['information_gathering', 'notified', 'notified', 'ready_for_panel', 'scheduled'].sort(),
    )
    // Audit rows are never changed: the old rows stay on the merged case, and both are recorded.
    expect(await changesOf(other.id)).toBe(otherAudit + 1)
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'case_merged', entityId: keep.id } })
    expect(audit!.details).toMatchObject({
      mergedCaseId: other.id,
      fieldsTaken: expect.arrayContaining(['nhs_number', 'postcode']),
      moved: expect.objectContaining({ agency_requests: 1, agenda_items: 1 }),
    })

    // The kept case's timeline reads the merged case's audit rows through the link.
    const shown = $((await agent.get(`/cases/${keep.id}`).expect(200)).text)
    expect(shown('main').text()).toContain(`Case ${other.caseRef} merged into ${keep.caseRef}`)
    expect(shown('main').text()).toContain('Information requested from GP')

    // The merged case's address and reference lead to the kept case, with a notice.
    const old = await agent.get(`/cases/${other.id}`)
    expect(old.status).toBe(303)
    expect(old.headers.location).toBe(`/cases/${keep.id}`)
    const notice = await agent.get(old.headers.location)
    expect($(notice.text)('.govuk-notification-banner').text()).toContain(
      `Case ${other.caseRef} was merged into ${keep.caseRef}`,
    )
    await submitForm(agent, '/cases', { q: other.caseRef }, '/cases/search')
    const list = $((await agent.get('/cases')).text)
    const rows = list('main table tbody tr')
      .toArray()
      .map(tr => list(tr).text())
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain(keep.caseRef)
    // Counted nowhere: not in the list, not in the statistics' population.
    await submitForm(agent, '/cases', { q: '', clear: 'yes' }, '/cases/search')
    expect($((await agent.get('/cases')).text)('main').text()).toContain('1 case')
    const [{ count }] = await t.db.sequelize.query<{ count: string }>(
      `SELECT count(*) AS count FROM cases WHERE ${IN_SCOPE}`,
      { type: QueryTypes.SELECT },
    )
    expect(Number(count)).toBe(1) // the statistics' population of deaths
  })

  it('shows every field of both cases side by side, the same ones marked the same, choices only where they differ', async () => {
    const { keep, other } = await pair()
    const page = $((await agent.get(compareUrl(keep.id, other.id)).expect(200)).text)
    const rows = page('tr[data-field]')
      .toArray()
      .map(row => ({
        name: page(row).attr('data-field')!,
        same: page(row).attr('data-same') === 'yes',
        cells: page(row)
          .find('td')
          .toArray()
          .map(cell => page(cell).text().replace(/\s+/g, ' ').trim()),
        radios: page(row).find('input[type="radio"]').length,
      }))
    // Every field of the case record, in the case page's order, each once.
    expect(rows.map(r => r.name)).toEqual(caseSections.flatMap(section => section.fields.map(f => f.name)))
    expect(
      page('caption')
        .toArray()
        .map(c => page(c).text().trim()),
    ).toEqual(caseSections.map(s => s.title))
    const row = (name: string) => rows.find(r => r.name === name)!
    // The same on both: both values shown, marked the same, nothing to choose.
    expect(row('given_names')).toMatchObject({ same: true, radios: 0 })
    expect(row('given_names').cells.slice(0, 2)).toEqual(['Tess', 'Tess'])
    expect(row('given_names').cells[2]).toBe('Same')
    expect(row('sex')).toMatchObject({ same: true, radios: 0 })
    // Empty on both counts as the same too.
    expect(row('ward')).toMatchObject({ same: true, radios: 0, cells: ['Not recorded', 'Not recorded', 'Same'] })
    // Different: both values, and a choice between them.
    const differing = rows.filter(r => !r.same).map(r => r.name)
    expect(differing.sort()).toEqual(
      ['date_of_birth', 'family_name', 'nhs_number', 'nhs_number_missing_reason', 'postcode'].sort(),
    )
    expect(rows.filter(r => !r.same).every(r => r.radios === 2)).toBe(true)
    expect(row('family_name').cells.slice(0, 2)).toEqual(['McTestface', 'McTestfase'])
    expect(page('input[type="radio"]').length).toBe(differing.length * 2)
    // Posting a choice for a field that is the same changes nothing and is not asked for.
    const fields: Record<string, string> = {}
    page('input[type="radio"][checked], input[type="hidden"]').each((_, el) => {
      fields[page(el).attr('name')!] = page(el).attr('value')!
    })
    const merged = await agent
      .post(compareUrl(keep.id, other.id))
      .type('form')
      .send({ ...fields, choice_given_names: 'other', confirm: 'yes' })
    expect(merged.status).toBe(303)
    expect((await keep.reload()).givenNames).toBe('Tess')
    // Both full records were shown: a view of each is in the audit log.
    for (const id of [keep.id, other.id])
      expect(await t.db.models.AuditEvent.count({ where: { action: 'case_viewed', entityId: id } })).toBeGreaterThan(0)
  })

  it('refuses a merge into itself, with a merged case, an unknown reference, and two finalised reviews', async () => {
    const { keep, other } = await pair()
    const self = await submitForm(agent, `/cases/${keep.id}/merge`, { other_ref: keep.caseRef })
    expect(self.status).toBe(400)
    expect(errorSummary(self.text)).toEqual([['#other_ref', 'A case cannot be merged with itself']])
    const unknown = await submitForm(agent, `/cases/${keep.id}/merge`, { other_ref: 'CDOP-1999-9999' })
    expect(errorSummary(unknown.text)[0][1]).toBe('There is no case CDOP-1999-9999: check the reference')
    const huge = await submitForm(agent, `/cases/${keep.id}/merge`, { other_ref: 'X'.repeat(100_000) })
    expect(huge.status).toBe(400)
    const forged = await submitForm(agent, compareUrl(keep.id, keep.id), {
      keep_version: '0',
      other_version: '0',
      confirm: 'yes',
    })
    expect(forged.status).toBe(409)
    expect(await t.db.models.Case.count({ where: { status: 'merged' } })).toBe(0)

    await t.db.models.Case.update(
      { status: 'reviewed', reviewDate: '2025-12-01', category: 1 },
      { where: { id: [keep.id, other.id] } },
    )
    const both = await agent.get(compareUrl(keep.id, other.id))
    expect(both.status).toBe(409)
    expect(both.text).toContain('Both cases have a finalised review')
    const posted = await submitForm(agent, compareUrl(keep.id, other.id), {
      keep_version: String(keep.version + 1),
      other_version: String(other.version + 1),
      confirm: 'yes',
      choice_family_name: 'keep',
    })
    expect(posted.status).toBe(409)
    expect(posted.text).toContain('Both cases have a finalised review')
    expect(await t.db.models.Case.count({ where: { status: 'merged' } })).toBe(0)
  })

  it('refuses a stale comparison: someone changed one of the cases meanwhile', async () => {
    const { keep, other } = await pair()
    const page = await agent.get(compareUrl(keep.id, other.id))
    const token = csrfTokenFrom(page.text)
    await t.services.caseService.changeStatus(
      other.id,
      { to: 'information_gathering', reason: 'Marked ready by mistake', version: other.version },
      systemContext(),
    )
    const stale = await agent
      .post(compareUrl(keep.id, other.id))
      .type('form')
      .send({
        _csrf: token,
        keep_version: String(keep.version),
        other_version: String(other.version),
        confirm: 'yes',
        choice_family_name: 'keep',
        choice_nhs_number: 'other',
        choice_nhs_number_missing_reason: 'other',
        choice_date_of_birth: 'keep',
        choice_postcode: 'other',
      })
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][1]).toContain('Someone changed one of these cases')
    expect((await other.reload()).status).toBe('information_gathering')
  })

  it('is for coordinators only', async () => {
    const { keep } = await pair()
    const analyst = await buildUser(t.services, { roles: ['public_health'] })
    const other = await signInAs(t, analyst)
    await other.get(`/cases/${keep.id}/merge`).expect(403)
  })
})
