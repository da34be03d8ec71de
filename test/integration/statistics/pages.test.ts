/**
 * The statistics pages and downloads through real HTTP: who may see which mode, the audit of
 * unsuppressed figures, the report with and without data, malformed requests, the downloads'
 * headers and contents, and the national comparators.
 */
import { parse } from 'csv-parse/sync'
import type { Response } from 'supertest'
import type { Role } from '../../../src/domain/codes'
import { systemContext } from '../../../src/services/auditContext'
import { buildUser, signInAs } from '../../factories'
import { submitForm } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, sampleCases } from './caseRows'
import { CSV_HEADER } from './contract'

/** Binary bodies (xlsx) as a Buffer. */
const buffer = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  const stream = res as unknown as NodeJS.ReadableStream
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.on('end', () => callback(null, Buffer.concat(chunks)))
}

describe('statistics pages', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    await insertCases(t.db, sampleCases())
  })
  afterAll(() => t.close())

  const signedInAs = async (roles: Role[]) => {
    const user = await buildUser(t.services, { roles })
    const agent = await signInAs(t, user)
    return { agent, user }
  }

  const auditRows = (action: string) => t.db.models.AuditEvent.findAll({ where: { action }, order: [['id', 'ASC']] })

  it('lets public health see the published report and download the CSV, but not unsuppressed figures', async () => {
    // Public health sees published releases only (statistics.md §5): publish the year first.
    await t.services.publicationService.publish('2016-17', null, { name: 'Test' }, systemContext())
    const { agent } = await signedInAs(['public_health'])
    expect((await agent.get('/')).text).toContain('href="/statistics"')
    const index = await agent.get('/statistics')
    expect(index.status).toBe(302)
    expect(index.headers.location).toBe('/statistics/releases')
    const releases = await agent.get('/statistics/releases')
    expect($(releases.text)('#releases tbody tr').first().text()).toContain('2016-17')
    expect(releases.text).not.toContain('Unsuppressed (confidential)')

    const report = await agent.get('/statistics/report?year=2016-17')
    expect(report.status).toBe(200)
    expect(report.text).toContain('Child death review statistics 2016-17')
    expect(report.text).toContain('Published figures')
    expect(report.text).not.toContain('Show unsuppressed figures')

    const csv = await agent.get('/statistics/download?year=2016-17&format=csv')
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe('attachment; filename=cdop-statistics-2016-17-published-v1.csv')
    const records = parse(csv.text, { columns: true }) as Record<string, string>[]
    expect(csv.text.split('\r\n')[0]).toBe(CSV_HEADER)
    expect(records.length).toBeGreaterThan(200)
    expect(records.filter(r => /^[1-5]$/.test(r.value))).toEqual([])

    for (const path of [
      '/statistics/report?year=2016-17&mode=unsuppressed',
      '/statistics/download?year=2016-17&format=csv&mode=unsuppressed',
      '/statistics/comparators',
    ]) {
      const refused = await agent.get(path)
      expect(refused.status).toBe(403)
    }
    expect(await auditRows('statistics_viewed')).toHaveLength(0)
    expect(await auditRows('statistics_exported')).toHaveLength(0)
  })

  it('refuses the statistics to panel members', async () => {
    const { agent } = await signedInAs(['panel_member'])
    expect((await agent.get('/statistics')).status).toBe(403)
    expect((await agent.get('/statistics/download?year=2016-17&format=csv')).status).toBe(403)
  })

  it('gives a coordinator unsuppressed figures and records each production in the audit log', async () => {
    const { agent, user } = await signedInAs(['coordinator'])
    const published = await agent.get('/statistics/report?year=2016-17')
    expect(published.text).toContain('Show unsuppressed figures (confidential)')
    expect(await auditRows('statistics_viewed')).toHaveLength(0)

    const report = await agent.get('/statistics/report?year=2016-17&mode=unsuppressed')
    expect(report.status).toBe(200)
    expect(report.text).toContain('Unsuppressed figures: confidential')
    expect(report.text).not.toContain('[c]</td>')
    const viewed = await auditRows('statistics_viewed')
    expect(viewed).toHaveLength(1)
    expect(viewed[0]).toMatchObject({ actorUserId: user.id, entityType: 'statistics', entityId: '2016-17' })
    expect(viewed[0].details).toMatchObject({ mode: 'unsuppressed', kind: 'report' })

    const json = await agent.get('/statistics/download?year=2015-16..2016-17&format=json&mode=unsuppressed')
    expect(json.status).toBe(200)
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(json.headers['content-disposition']).toBe(
      'attachment; filename=cdop-statistics-2015-16-to-2016-17-unsuppressed.json',
    )
    expect(json.body).toMatchObject({ financial_year: '2015-16..2016-17', mode: 'unsuppressed' })
    const exported = await auditRows('statistics_exported')
    expect(exported).toHaveLength(1)
    expect(exported[0].details).toMatchObject({
      financialYear: '2015-16..2016-17',
      mode: 'unsuppressed',
      format: 'json',
      via: 'web',
    })
  })

  it('lets an administrator download the Excel workbook', async () => {
    const { agent } = await signedInAs(['admin'])
    const xlsx = await agent.get('/statistics/download?year=2016-17&format=xlsx').buffer(true).parse(buffer)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK')
  })

  it('renders the report for a year with data: every table, percentages, charts safe under the CSP, and the notes', async () => {
    const { agent } = await signedInAs(['coordinator'])
    const report = await agent.get('/statistics/report?year=2016-17')
    const page = $(report.text)
    expect(page('section.app-statistics-section table.govuk-table')).toHaveLength(15)
    expect(page('table#summary th[scope="row"]').first().text().trim()).toBe('Notifications')
    expect(page('table#category_by_modifiable thead th').last().text()).toBe('% with modifiable factors')
    // Charts: inline SVG, drawn by vega, with no style attribute or element the CSP would block.
    const svgs = page('figure.app-chart svg')
    expect(svgs.length).toBe(5)
    expect(report.text).not.toMatch(/<svg[^]*?style=/)
    expect(page('svg style, svg script, svg foreignObject')).toHaveLength(0)
    expect(page('figure.app-chart figcaption a').first().attr('href')).toBe('#category_by_modifiable')
    expect(report.headers['content-security-policy']).toContain("style-src 'self'")
    // Notes of rule 6, and the print stylesheet.
    expect(page('#notes').text()).toContain('Suppression threshold')
    expect(page('link[href="/statistics/report.css"]')).toHaveLength(1)
    const css = await agent.get('/statistics/report.css')
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(css.text).toContain('@media print')
  })

  it('renders the report for a year with no data', async () => {
    const { agent } = await signedInAs(['coordinator'])
    const report = await agent.get('/statistics/report?year=2010-11')
    expect(report.status).toBe(200)
    const page = $(report.text)
    expect(page('table.app-statistics-table')).toHaveLength(15)
    expect(
      page('table#summary td')
        .toArray()
        .map(td => page(td).text().trim()),
    ).toEqual(['0', '0', '0', '0', '0', '0'])
    expect(page('figure.app-chart svg').length).toBe(5)
    // Nothing to draw: each chart is a note of finite size, never an SVG of height="Infinity".
    page('figure.app-chart svg').each((_, svg) => {
      const [width, height] = ['width', 'height'].map(name => Number(page(svg).attr(name)))
      expect(Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0).toBe(true)
      expect(page(svg).attr('viewBox')).toBe(`0 0 ${width} ${height}`)
    })
    expect(page('figure.app-chart').first().text()).toContain('There are no figures to draw for this period')
    expect(page('figure.app-chart').first().next('table').attr('id')).toBe('category_by_modifiable')
  })

  it.each([
    ['2016-18', '2016-18', /is not a financial year like 2016-17/],
    ['an injection', "'; drop table cases; --", /is not a financial year like 2016-17/],
    ['5,000 characters', 'x'.repeat(5000), /Enter a financial year like 2016-17/],
    ['reversed years', '2016-17..2014-15', /The first year must come before the last/],
    ['a future year', '2999-00', /has not started yet/],
    ['nothing', '', /Enter a financial year like 2016-17/],
  ])('refuses %s as the year with a 400 page that says why', async (_label, year, message) => {
    const { agent } = await signedInAs(['coordinator'])
    for (const path of ['/statistics/report', '/statistics/download']) {
      const response = await agent.get(path).query({ year, format: 'csv' })
      expect(response.status).toBe(400)
      expect($(response.text)('main').text()).toMatch(message)
    }
    expect(await t.db.models.Case.count()).toBeGreaterThan(0)
  })

  it('refuses a malformed mode, format or repeated year with a 400', async () => {
    const { agent } = await signedInAs(['coordinator'])
    expect((await agent.get('/statistics/report?year=2016-17&mode=everything')).status).toBe(400)
    expect((await agent.get('/statistics/download?year=2016-17&format=pdf')).status).toBe(400)
    expect((await agent.get('/statistics/report?year=2016-17&year=2015-16')).status).toBe(400)
  })

  it('explains, rather than fails, when a review in the year has no category of death', async () => {
    await insertCases(t.db, [
      {
        dob: '2010-01-01',
        dod: '2016-05-01',
        sex: 'male',
        expected: 'expected',
        status: 'reviewed',
        reviewDate: '2016-09-01',
      },
    ])
    const { agent } = await signedInAs(['coordinator'])
    const report = await agent.get('/statistics/report?year=2016-17')
    expect(report.status).toBe(409)
    expect($(report.text)('main').text()).toContain(
      '1 review completed in 2016-17 has no category of death. Record the category before producing the statistics.',
    )
    expect((await agent.get('/statistics/download?year=2016-17&format=csv')).status).toBe(409)
    expect((await agent.get('/statistics/report?year=2015-16')).status).toBe(200)
  })

  it('pools years chosen on the form', async () => {
    const { agent } = await signedInAs(['coordinator'])
    const report = await agent.get('/statistics/report?year=2016-17&from=2014-15')
    expect(report.status).toBe(200)
    expect(report.text).toContain('Child death review statistics 2014-15..2016-17')
  })

  it('lets an administrator enter national figures, which the report shows against the local share', async () => {
    const { agent } = await signedInAs(['admin'])
    const invalid = await submitForm(agent, '/statistics/comparators', {
      financial_year: '2016-18',
      modifiable_share: '120',
      source: '',
    })
    expect(invalid.status).toBe(400)
    expect(errorSummary(invalid.text)).toEqual([
      ['#financial_year', 'Enter a financial year like 2016-17'],
      ['#modifiable_share', 'Percentage must be a number from 0 to 100, like 32.5'],
      ['#source', 'Enter where the national figure comes from'],
    ])

    const saved = await submitForm(agent, '/statistics/comparators', {
      financial_year: '2016-17',
      modifiable_share: '27.4',
      source: 'Child death reviews: year ending 31 March 2017',
    })
    expect(saved.status).toBe(302)
    expect((await agent.get('/statistics/comparators')).text).toContain('27.4%')
    await submitForm(agent, '/statistics/comparators', {
      financial_year: '2016-17',
      modifiable_share: '28',
      source: 'Revised',
    })
    const list = $((await agent.get('/statistics/comparators')).text)
    expect(list('table tbody tr')).toHaveLength(1)
    expect(list('table tbody').text()).toContain('28.0%')
    expect(await auditRows('national_comparator_saved')).toHaveLength(2)

    const report = await agent.get('/statistics/report?year=2016-17')
    expect(report.text).toContain('England 2016-17: <strong>28.0%</strong> (Revised)')
  })
})
