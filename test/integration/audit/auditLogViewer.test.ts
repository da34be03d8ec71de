import * as cheerio from 'cheerio/slim'
import { parse } from 'csv-parse/sync'
import { QueryTypes } from 'sequelize'
import { buildCase, buildUser, TEST_PASSWORD } from '../../factories'
import { Agent, newAgent, signIn } from '../../helpers/agent'
import { errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('the audit log viewer', () => {
  let t: TestApp
  let agent: Agent
  let adminId: string
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const admin = await buildUser(t.services, { roles: ['admin'], name: 'Ada Admin' })
    adminId = admin.id
    agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
  })
  afterAll(() => t.close())

  const cells = (html: string) =>
    cheerio
      .load(html)('tbody tr')
      .map((_, tr) => [
        cheerio
          .load(tr)('td')
          .map((__, td) => cheerio.load(td).text().trim())
          .get(),
      ])
      .get() as string[][]

  it('says in words what happened, with case references and names instead of ids', async () => {
    const coordinator = await buildUser(t.services, { name: 'Cora Coordinator' })
    const kase = await buildCase(t.services)
    const page = await agent.get('/admin/audit').expect(200)
    const rows = cells(page.text)
    expect(rows.map(r => r[2])).toEqual(
      expect.arrayContaining([
        `Notified a death: case ${kase.caseRef} created`,
        'Account created for Cora Coordinator (coordinator)',
        'Signed in',
      ]),
    )
    expect(JSON.stringify(rows)).not.toContain(kase.id)
    expect(JSON.stringify(rows)).not.toContain(coordinator.id)
    expect(JSON.stringify(rows)).not.toMatch(/case_notified|user_created/)
  })

  it('filters by person, case reference, action and dates, keeping what was chosen', async () => {
    const kase = await buildCase(t.services)
    const other = await buildCase(t.services)
    await t.services.caseService.recordView(kase.id, { actorUserId: adminId, requestId: null, ip: null })
    const byCase = await agent.get(`/admin/audit?caseRef=${kase.caseRef.toLowerCase()}`).expect(200)
    const texts = cells(byCase.text).map(r => r[2])
    expect(texts).toEqual([`Viewed case ${kase.caseRef}`, `Notified a death: case ${kase.caseRef} created`])
    expect(byCase.text).not.toContain(other.caseRef)
    expect(cheerio.load(byCase.text)('#caseRef').val()).toBe(kase.caseRef)

    const byPerson = await agent.get(`/admin/audit?person=${adminId}&action=case_viewed`).expect(200)
    expect(cells(byPerson.text).map(r => r[2])).toEqual([`Viewed case ${kase.caseRef}`])
    expect(cheerio.load(byPerson.text)('#person').val()).toBe(adminId)
    expect(cheerio.load(byPerson.text)('#action').val()).toBe('case_viewed')

    const today = new Date().toISOString().slice(0, 10).split('-')
    const [y, m, d] = today.map(Number)
    const inRange = await agent
      .get(`/admin/audit?from-day=${d}&from-month=${m}&from-year=${y}&action=case_viewed`)
      .expect(200)
    expect(cells(inRange.text)).toHaveLength(1)
    const past = await agent.get(`/admin/audit?to-day=1&to-month=1&to-year=2020`).expect(200)
    expect(past.text).toContain('No entries match.')
  })

  it('refuses malformed, forged and impossible filters with a message for each, and keeps what was typed', async () => {
    const response = await agent
      .get(
        '/admin/audit?person=not-a-uuid&caseRef=<script>&action=drop_table&from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=99999',
      )
      .expect(400)
    expect(errorSummary(response.text).map(([, text]) => text)).toEqual([
      'Select a person from the list',
      'Enter a case reference in the format CDOP-2025-0001',
      'Select an action from the list',
      expect.stringMatching(/first day must be a real date/),
      expect.stringMatching(/Year must include 4 numbers/),
    ])
    expect(response.text).not.toContain('<script>')
    expect(cheerio.load(response.text)('#caseRef').val()).toBe('<SCRIPT>')
    const unknownCase = await agent.get('/admin/audit?caseRef=CDOP-2099-9999').expect(400)
    expect(errorSummary(unknownCase.text)[0][1]).toBe('There is no case with the reference CDOP-2099-9999')
    const backwards = await agent
      .get('/admin/audit?from-day=2&from-month=1&from-year=2026&to-day=1&to-month=1&to-year=2026')
      .expect(400)
    expect(errorSummary(backwards.text)[0][1]).toBe('The last day must be the same as or after the first day')
    const unknownPerson = await agent.get('/admin/audit?person=00000000-0000-4000-8000-000000000000').expect(400)
    expect(errorSummary(unknownPerson.text)[0][1]).toBe('Select a person from the list')
    await agent.get(`/admin/audit?caseRef=${'A'.repeat(5000)}&action=${'b'.repeat(5000)}`).expect(400)
  })

  it('pages by key, newest first, forwards and back, without counting the table', async () => {
    await t.db.sequelize.query(
      `INSERT INTO audit_events (action, details) SELECT 'sign_out', '{}' FROM generate_series(1, 120)`,
    )
    const ids = async () =>
      (
        await t.db.sequelize.query<{ id: string }>(
          `SELECT id::text FROM audit_events WHERE action = 'sign_out' ORDER BY audit_events.id DESC`,
          {
            type: QueryTypes.SELECT,
          },
        )
      ).map(r => r.id)
    const all = await ids()
    const first = await agent.get('/admin/audit?action=sign_out').expect(200)
    expect(cells(first.text)).toHaveLength(50)
    const $ = cheerio.load(first.text)
    expect($('.govuk-pagination__prev').length).toBe(0)
    const older = $('.govuk-pagination__next a').attr('href')!
    expect(older).toBe(`?action=sign_out&before=${all[49]}`)
    const second = await agent.get(`/admin/audit${older}`).expect(200)
    const third = await agent
      .get(`/admin/audit${cheerio.load(second.text)('.govuk-pagination__next a').attr('href')}`)
      .expect(200)
    expect(cells(third.text)).toHaveLength(20)
    expect(cheerio.load(third.text)('.govuk-pagination__next').length).toBe(0)
    const back = cheerio.load(third.text)('.govuk-pagination__prev a').attr('href')!
    expect(back).toBe(`?action=sign_out&after=${all[100]}`)
    const secondAgain = await agent.get(`/admin/audit${back}`).expect(200)
    expect(cells(secondAgain.text).map(r => r[3])).toEqual(cells(second.text).map(r => r[3]))
  })

  it('exports the filtered entries as CSV, streamed, in words, safe for spreadsheets, and records the export', async () => {
    const kase = await buildCase(t.services)
    await t.services.auditService.record(
      { actorUserId: null, requestId: '=HYPERLINK("http://evil")', ip: null },
      { action: 'case_viewed', entityType: 'case', entityId: kase.id },
    )
    const response = await agent.get(`/admin/audit/export.csv?caseRef=${kase.caseRef}`).expect(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toBe('attachment; filename="audit-log.csv"')
    const records = parse(response.text, { bom: true, columns: true }) as Record<string, string>[]
    expect(records.map(r => r['What happened'])).toEqual([
      `Viewed case ${kase.caseRef}`,
      `Notified a death: case ${kase.caseRef} created`,
    ])
    expect(records[0]['Request id']).toBe(`'=HYPERLINK("http://evil")`)
    expect(records[1].Sequence).toMatch(/^\d+$/)
    const [exported] = await t.db.sequelize.query<{ details: Record<string, unknown>; actor: string }>(
      `SELECT details, actor_user_id::text AS actor FROM audit_events WHERE action = 'audit_log_exported'`,
      { type: QueryTypes.SELECT },
    )
    expect(exported).toEqual({ details: { filter: { caseId: kase.id } }, actor: adminId })
    const refused = await agent.get('/admin/audit/export.csv?action=nope').expect(302)
    expect(refused.headers.location).toBe('/admin/audit?action=nope')
  })

  it('is for administrators only', async () => {
    const coordinator = await buildUser(t.services)
    const other = newAgent(t.app)
    await signIn(other, coordinator.email, TEST_PASSWORD)
    await other.get('/admin/audit').expect(403)
    await other.get('/admin/audit/export.csv').expect(403)
    await newAgent(t.app).get('/admin/audit/export.csv').expect(302)
  })
})
