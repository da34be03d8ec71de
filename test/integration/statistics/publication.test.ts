/**
 * Publishing the statistics end to end (statistics.md §5): the publish page with its preview and
 * confirmation, the command line, what public health can and cannot reach, the stored CSV byte for
 * byte after cases change, corrections that supersede with a reason, refusals that say why and
 * what can be published instead, the audit log, and the table refusing to be rewritten.
 */
import type { Response } from 'supertest'
import type { Role } from '../../../src/domain/codes'
import { buildUser, signInAs } from '../../factories'
import { submitForm } from '../../helpers/agent'
import { runCliInTest } from '../../helpers/cli'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, sampleCases } from './caseRows'

const buffer = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  const stream = res as unknown as NodeJS.ReadableStream
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.on('end', () => callback(null, Buffer.concat(chunks)))
}

describe('publishing the statistics', () => {
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
  const audit = (action: string) => t.db.models.AuditEvent.findAll({ where: { action }, order: [['id', 'ASC']] })

  it('publishes a year from the page after a preview and a confirmation, and public health then sees only it', async () => {
    const { agent, user } = await signedInAs(['coordinator'])
    const preview = await agent.get('/statistics/publish?period=2016-17')
    expect(preview.status).toBe(200)
    const page = $(preview.text)
    expect(page('h1').text()).toContain('Publish 2016-17')
    expect(page('#notes').text()).toContain('Checked against earlier releases')
    expect(page('table#summary')).toHaveLength(1)

    const unconfirmed = await submitForm(agent, '/statistics/publish?period=2016-17', { period: '2016-17', reason: '' })
    expect(unconfirmed.status).toBe(400)
    expect($(unconfirmed.text)('.govuk-error-summary').text()).toContain('Confirm that this release is ready')
    expect(await t.services.publicationService.list()).toHaveLength(0)

    const published = await submitForm(agent, '/statistics/publish?period=2016-17', {
      period: '2016-17',
      reason: '',
      confirm: 'yes',
    })
    expect(published.status).toBe(302)
    expect(published.headers.location).toMatch(/^\/statistics\/releases\/[0-9a-f-]{36}$/)
    const [event] = await audit('statistics_release_published')
    expect(event.actorUserId).toBe(user.id)
    expect(event.details).toMatchObject({ period: '2016-17', version: 1 })

    const analyst = (await signedInAs(['public_health'])).agent
    const list = await analyst.get('/statistics/releases')
    expect(list.status).toBe(200)
    expect($(list.text)('#releases tbody tr')).toHaveLength(1)
    expect($(list.text)('#releases').text()).toContain(user.name)
    expect((await analyst.get('/statistics')).headers.location).toBe('/statistics/releases')
    const report = await analyst.get('/statistics/report?year=2016-17')
    expect(report.status).toBe(200)
    expect($(report.text)('#publication').text()).toContain('Version 1')
    expect((await analyst.get(`${published.headers.location}`)).status).toBe(200)
    for (const format of ['csv', 'xlsx', 'json']) {
      const file = await analyst.get(`${published.headers.location}/download?format=${format}`)
      expect(file.status).toBe(200)
    }
    const json = await analyst.get(`${published.headers.location}/download?format=json`)
    expect(Object.keys(JSON.parse(json.text))).toEqual([
      'financial_year',
      'mode',
      'suppress_max',
      'produced_at',
      'tables',
    ])
  })

  it('answers 404 to public health for every period not published, whatever the URL', async () => {
    await runCliInTest(t, ['stats:publish', '--year', '2016-17'])
    const { agent } = await signedInAs(['public_health'])
    for (const path of [
      '/statistics/report?year=2015-16',
      '/statistics/download?year=2015-16&format=csv',
      '/statistics/download?year=2014-15..2016-17&format=json',
      '/statistics/report?year=2016-17&from=2014-15',
      '/statistics/releases/00000000-0000-4000-8000-000000000000',
      '/statistics/releases/not-an-id',
      '/statistics/releases/00000000-0000-4000-8000-000000000000/download?format=csv',
    ]) {
      expect([path, (await agent.get(path)).status]).toEqual([path, 404])
    }
    expect((await agent.get('/statistics/publish')).status).toBe(403)
    expect((await agent.get('/statistics/report?year=2016-17&mode=unsuppressed')).status).toBe(403)
    expect((await agent.get('/statistics/report?year=2016-17')).status).toBe(200)
  })

  it('serves the published CSV byte for byte after cases are edited, while the live figures move', async () => {
    expect((await runCliInTest(t, ['stats:publish', '--year', '2016-17'])).code).toBe(0)
    const { agent } = await signedInAs(['public_health'])
    const before = await agent.get('/statistics/download?year=2016-17&format=csv').buffer(true).parse(buffer)
    await t.db.sequelize.query("UPDATE cases SET category = 1 WHERE review_date BETWEEN '2016-04-01' AND '2017-03-31'")
    const after = await agent.get('/statistics/download?year=2016-17&format=csv').buffer(true).parse(buffer)
    expect(Buffer.compare(before.body as Buffer, after.body as Buffer)).toBe(0)
    const live = await t.services.statisticsService.buildRelease({ years: '2016-17', mode: 'unsuppressed' })
    const liveCat1 = live.tables.find(table => table.id === 'category_by_sex')?.values.cat_1.total
    expect(liveCat1).toBeGreaterThan(0)
    expect((before.body as Buffer).toString('utf8')).toContain('2016-17,category_by_sex,cat_1,')
    expect((before.body as Buffer).toString('utf8')).not.toContain(
      `cat_1,Perinatal/neonatal event,total,Total,${liveCat1}`,
    )
  })

  it('corrects a release with a reason: the old version stays listed as superseded and downloadable', async () => {
    expect((await runCliInTest(t, ['stats:publish', '--year', '2016-17'])).code).toBe(0)
    const again = await runCliInTest(t, ['stats:publish', '--year', '2016-17'])
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/already published \(version 1\): a correction needs a reason/)
    const unchanged = await runCliInTest(t, ['stats:publish', '--year', '2016-17', '--reason', 'Late case'])
    expect(unchanged.code).toBe(2)
    expect(unchanged.err).toMatch(/Nothing has changed/)

    await t.db.sequelize.query("UPDATE cases SET category = 1 WHERE review_date BETWEEN '2016-04-01' AND '2017-03-31'")
    const corrected = await runCliInTest(t, ['stats:publish', '--year', '2016-17', '--reason', 'Categories corrected'])
    expect(corrected).toMatchObject({ code: 0, out: 'Published 2016-17 version 2, superseding version 1\n' })
    const releases = await t.services.publicationService.list()
    expect(releases.map(r => [r.version, r.supersededBy?.reason ?? null])).toEqual([
      [2, null],
      [1, 'Categories corrected'],
    ])
    const { agent } = await signedInAs(['public_health'])
    const list = $((await agent.get('/statistics/releases')).text)
    expect(list('#releases').text()).toContain('Superseded by version 2')
    expect(list('#releases').text()).toContain('Categories corrected')
    const old = await agent.get(`/statistics/releases/${releases[1].id}/download?format=csv`)
    expect(old.status).toBe(200)
    expect((await agent.get('/statistics/report?year=2016-17')).text).toContain('Version 2')
    expect(await audit('statistics_release_corrected')).toHaveLength(1)
  })

  it('refuses off-calendar pools, unfinished periods and nonsense, saying what can be published instead', async () => {
    const offGrid = await runCliInTest(t, ['stats:publish', '--years', '2015-16..2017-18'])
    expect(offGrid.code).toBe(2)
    expect(offGrid.err).toMatch(/^2015-16\.\.2017-18 is not on the calendar of pooled periods/)
    expect(offGrid.err).toMatch(/You can publish instead: 2014-15\.\.2016-17, 2017-18\.\.2019-20/)
    const unfinished = await runCliInTest(t, ['stats:publish', '--year', '2999-00'])
    expect(unfinished.code).toBe(2)
    expect((await runCliInTest(t, ['stats:publish'])).code).toBe(2)
    expect((await runCliInTest(t, ['stats:publish', '--year', '2016-17', '--reason', ' '])).code).toBe(2)
    expect((await runCliInTest(t, ['stats:publish', '--years', '2014-15..2016-17'])).code).toBe(0)

    const { agent } = await signedInAs(['admin'])
    const page = await agent.get('/statistics/publish?period=2015-16..2017-18')
    expect(page.status).toBe(409)
    expect($(page.text)('#refusal').text()).toContain('2014-15..2016-17')
    expect((await agent.get(`/statistics/publish?period=${'x'.repeat(5000)}`)).status).toBe(409)
    const forged = await submitForm(agent, '/statistics/publish', { period: '2015-16..2017-18', confirm: 'yes' })
    expect(forged.status).toBe(409)
    expect(await t.services.publicationService.list()).toHaveLength(1)
  })

  it('keeps every release as it was written: the database refuses to change or delete one', async () => {
    expect(await runCliInTest(t, ['stats:publish', '--year', '2016-17'])).toMatchObject({ code: 0, err: '' })
    await expect(t.db.sequelize.query("UPDATE statistics_releases SET published_by_name = 'someone'")).rejects.toThrow(
      /append-only/,
    )
    await expect(t.db.sequelize.query('DELETE FROM statistics_releases')).rejects.toThrow(/append-only/)
  })

  it('lets an administrator set the calendar until a pooled release is out', async () => {
    const { agent } = await signedInAs(['admin'])
    const page = await agent.get('/statistics/calendar')
    expect(page.status).toBe(200)
    const bad = await submitForm(agent, '/statistics/calendar', { version: '0', start_year: 'x', length: '99' })
    expect(bad.status).toBe(400)
    // A negative length once walked the example windows backwards until the process ran out of memory.
    for (const [start_year, length] of [
      ['2008', '-1'],
      ['-99999', '3'],
      ['1e308', '1e308'],
    ]) {
      const nonsense = await submitForm(agent, '/statistics/calendar', { version: '0', start_year, length })
      expect(nonsense.status).toBe(400)
      expect(nonsense.text).toContain('There is a problem')
      expect(nonsense.text).toContain(`value="${length}"`)
    }
    const saved = await submitForm(agent, '/statistics/calendar', { version: '0', start_year: '2015', length: '2' })
    expect(saved.status).toBe(302)
    expect((await t.services.publicationService.grid()).grid).toEqual({ startYear: 2015, length: 2 })
    expect((await runCliInTest(t, ['stats:publish', '--years', '2015-16..2016-17'])).code).toBe(0)
    const refused = await submitForm(agent, '/statistics/calendar', { version: '1', start_year: '2014', length: '3' })
    expect(refused.status).toBe(409)
    expect(await audit('statistics_pool_grid_changed')).toHaveLength(1)
  })
})
