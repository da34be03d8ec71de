import * as cheerio from 'cheerio/slim'
import { parse } from 'csv-parse/sync'
import type { Role } from '../../../src/domain/codes'
import { importColumnNames } from '../../../src/services/import/importColumns'
import { buildUser, signInAs } from '../../factories'
import { Agent, newAgent } from '../../helpers/agent'
import { errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { csvOf, historyCsv, historyRow } from '../../fixtures/import/historyCsv'

describe('the history import page', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const signedInAs = async (roles: Role[]) => {
    const user = await buildUser(t.services, { roles })
    const agent = await signInAs(t, user)
    return { agent, user }
  }

  /** The upload form's action, with its CSRF token in the query as a browser would post it. */
  const formAction = async (agent: Agent) => {
    const page = await agent.get('/cases/import').expect(200)
    const action = cheerio.load(page.text)('form[data-import-form]').attr('action')
    expect(action).toMatch(/^\/cases\/import\?_csrf=.+/)
    return action as string
  }

  const upload = async (agent: Agent, content: string | Buffer, { mode = 'import', name = 'history.csv' } = {}) =>
    agent
      .post(await formAction(agent))
      .attach('file', Buffer.from(content), name)
      .field('mode', mode)

  /** The problems table as [row, column, message] rows. */
  const problemRows = (html: string) => {
    const $ = cheerio.load(html)
    return $('#problems tbody tr')
      .toArray()
      .map(tr =>
        $(tr)
          .find('th, td')
          .toArray()
          .map(cell => $(cell).text().trim()),
      )
  }

  it('explains the format, with a template listing every column', async () => {
    const { agent } = await signedInAs(['coordinator'])
    const page = await agent.get('/cases/import').expect(200)
    const $ = cheerio.load(page.text)
    expect($('h1').text()).toBe('Import case history')
    expect($('a[href="/cases/import/template.csv"]').length).toBe(1)
    expect($('form[data-import-form]').attr('enctype')).toBe('multipart/form-data')
    expect($('input[type="file"][name="file"]').length).toBe(1)
    expect(
      $('button[name="mode"]')
        .toArray()
        .map(b => $(b).attr('value')),
    ).toEqual(['import', 'check'])
    expect($('script[type="module"][src="/js/import-progress.js"]').length).toBe(1)
    expect(
      $('details table tbody th')
        .toArray()
        .map(th => $(th).text()),
    ).toEqual([...importColumnNames])

    const template = await agent.get('/cases/import/template.csv').expect(200)
    expect(template.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(template.headers['content-disposition']).toMatch(/^attachment; filename="?case-history-template.csv"?$/)
    expect(parse(template.text, { bom: true })).toEqual([[...importColumnNames]])
  })

  it('imports an uploaded file and shows how many cases came in', async () => {
    const { agent, user } = await signedInAs(['coordinator'])
    const response = await upload(agent, `\uFEFF${historyCsv(40)}`)
    expect(response.status).toBe(200)
    const $ = cheerio.load(response.text)
    expect($('.govuk-panel__title').text()).toBe('Import complete')
    expect($('.govuk-panel__body').text()).toBe('40 cases imported from history.csv')
    expect(await t.db.models.Case.count({ where: { imported: true, createdBy: user.id } })).toBe(40)
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'cases_imported' } })
    expect(audit).toMatchObject({
      actorUserId: user.id,
      details: expect.objectContaining({ count: 40, via: 'upload' }),
    })
  })

  it('checks only, saving nothing, when asked to', async () => {
    const { agent } = await signedInAs(['admin'])
    const response = await upload(agent, historyCsv(3), { mode: 'check' })
    expect(response.status).toBe(200)
    expect(cheerio.load(response.text)('.govuk-notification-banner').text()).toContain(
      'No problems found in history.csv: 3 cases ready to import. Nothing has been saved yet.',
    )
    expect(await t.db.models.Case.count()).toBe(0)
  })

  it('lists every problem by row, column and message, with an error summary, and saves nothing', async () => {
    const { agent } = await signedInAs(['coordinator'])
    const content = csvOf([
      historyRow(1),
      { ...historyRow(2), sex: 'boy', nhs_number: '1234567890' },
      { ...historyRow(3), case_ref: 'HIST-000001' },
    ])
    const response = await upload(agent, content)
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([['#problems', 'history.csv has problems: nothing was imported']])
    expect(cheerio.load(response.text)('title').text()).toMatch(/^Error: The file has problems/)
    expect(problemRows(response.text)).toEqual([
      ['3', 'nhs_number', 'This is not a valid NHS number: its check digit is wrong'],
      ['3', 'sex', expect.stringMatching(/^"boy" is not one of the codes/)],
      ['4', 'case_ref', 'Row 2 has the same case reference: each case can be in the file only once'],
    ])
    expect(await t.db.models.Case.count()).toBe(0)
  })

  it('shows problems with the whole file, such as one that is not UTF-8', async () => {
    const { agent } = await signedInAs(['coordinator'])
    const response = await upload(agent, Buffer.from(csvOf([{ ...historyRow(1), given_names: 'Zoë' }]), 'latin1'))
    expect(problemRows(response.text)).toEqual([
      ['Whole file', '–', expect.stringMatching(/^Line 2 of the file is not UTF-8 text/)],
    ])
  })

  it.each([
    ['no file', null, 'Select a CSV file'],
    ['a file that is not a CSV', { content: 'a,b', name: 'history.xlsx' }, 'The selected file must be a CSV'],
    ['an empty file', { content: '', name: 'history.csv' }, 'The selected file is empty'],
  ])('asks again for %s', async (_name, file, message) => {
    const { agent } = await signedInAs(['coordinator'])
    const request = agent.post(await formAction(agent)).field('mode', 'import')
    const response = await (file ? request.attach('file', Buffer.from(file.content), file.name) : request)
    expect(response.status).toBe(400)
    expect(errorSummary(response.text)).toEqual([['#file', message]])
    expect(cheerio.load(response.text)('#file-error').text()).toContain(message)
  })

  it('refuses an upload without the CSRF token, and saves nothing', async () => {
    const { agent } = await signedInAs(['coordinator'])
    await agent.get('/cases/import')
    const response = await agent
      .post('/cases/import')
      .attach('file', Buffer.from(historyCsv(2)), 'history.csv')
      .field('mode', 'import')
    expect(response.status).toBe(403)
    expect(response.text).toContain('Your form has expired')
    expect(await t.db.models.Case.count()).toBe(0)
  })

  it.each([['panel_member'], ['public_health']] as Role[][])('is not for a %s', async role => {
    const { agent } = await signedInAs([role])
    expect((await agent.get('/cases/import')).status).toBe(403)
    expect((await agent.get('/cases/import/template.csv')).status).toBe(403)
    const token = cheerio
      .load((await agent.get('/')).text)('input[name="_csrf"]')
      .first()
      .val() as string
    const response = await agent
      .post(`/cases/import?_csrf=${encodeURIComponent(token)}`)
      .attach('file', Buffer.from(historyCsv(2)), 'history.csv')
      .field('mode', 'import')
    expect(response.status).toBe(403)
    expect(await t.db.models.Case.count()).toBe(0)
  })

  it('sends someone who is not signed in to sign in', async () => {
    const response = await newAgent(t.app).get('/cases/import')
    expect(response.status).toBe(302)
  })
})
