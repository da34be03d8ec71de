/**
 * The annual report as a Word document (issue 12), read back from the .docx itself: its sections,
 * its figures against the stored published release (and against the exact figures in unsuppressed
 * mode, marked confidential on every page), suppressed figures never shown as numbers, the charts
 * as whole PNGs, learning that was never curated kept out, the command line's refusals and the
 * download's roles.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import type { Response } from 'supertest'
import { CONFIDENTIAL_MARK, cellText } from '../../../src/domain/annualReport'
import type { Role } from '../../../src/domain/codes'
import type { Release } from '../../../src/domain/statistics/release'
import { systemContext } from '../../../src/services/auditContext'
import { buildCase, buildUser, signInAs } from '../../factories'
import { newAgent } from '../../helpers/agent'
import { runCliInTest } from '../../helpers/cli'
import { isValidPng, parseDocx, type ParsedDocx } from '../../helpers/docx'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, sampleCases } from '../statistics/caseRows'

const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  const stream = res as unknown as NodeJS.ReadableStream
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.on('end', () => callback(null, Buffer.concat(chunks)))
}

const SECTION_HEADINGS = [
  'The panel and its process',
  'Activity in the year',
  'The figures for 2016-17',
  'Modifiable factors against England',
  'How long reviews took',
  'Learning from the reviews',
  'Actions and their impact',
  'Local authorities',
  'Data quality',
  'Disclosure control',
]

/** Every table of the release as the document must show it: the row label then each cell. */
function expectTablesMatch(doc: ParsedDocx, release: Release) {
  for (const table of release.tables) {
    const shown = doc.tables.find(t => t.caption === table.title)
    expect([table.id, shown ? 'found' : 'missing']).toEqual([table.id, 'found'])
    expect(shown!.rows[0].slice(0, table.columns.length + 1)).toEqual(['', ...table.columns.map(c => c.label)])
    const body = shown!.rows.slice(1).map(r => r.slice(0, table.columns.length + 1))
    expect([table.id, body]).toEqual([
      table.id,
      table.rows.map(r => [r.label, ...table.columns.map(c => cellText(table.values[r.code][c.code]))]),
    ])
  }
}

describe('the annual report', () => {
  let t: TestApp
  let dir: string
  beforeAll(async () => {
    t = createTestApp()
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'annual-report-'))
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    await insertCases(t.db, sampleCases())
  })
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true })
    await t.close()
  })

  const publish = async (year = '2016-17') => {
    const result = await runCliInTest(t, ['stats:publish', '--year', year])
    expect(result).toMatchObject({ code: 0 })
  }
  const report = async (...args: string[]) => {
    const out = path.join(dir, `report-${Math.random().toString(36).slice(2)}.docx`)
    const result = await runCliInTest(t, ['report:annual', '--year', '2016-17', '--out', out, ...args])
    return { ...result, out }
  }
  const signedInAs = async (roles: Role[]) => {
    const user = await buildUser(t.services, { roles })
    const agent = await signInAs(t, user)
    return agent
  }

  it('writes every section with the published release’s figures, suppressed ones as [c], and whole PNG charts', async () => {
    await publish()
    const stored = (await t.services.publicationService.current('2016-17'))!
    const { code, out, err } = await report()
    expect(err).toBe('')
    expect(code).toBe(0)
    const doc = await parseDocx(await fs.readFile(out))

    const level1 = doc.headings.filter(h => h.level === 1).map(h => h.text)
    for (const heading of SECTION_HEADINGS) expect(level1).toContain(heading)
    expect(level1.some(h => h.startsWith('The trend since'))).toBe(true)
    // The contents: a TOC field, already listing the headings.
    expect(doc.documentXml.includes('TOC \\h \\o &quot;1-2&quot;')).toBe(true)
    expect(doc.paragraphs).toContain('Contents')
    // With no PANEL_NAME set, the panel is named once, not as "… Panel is the … Panel".
    expect(doc.text).toContain('This is the annual report of the Child Death Overview Panel. This report covers')

    expectTablesMatch(doc, stored.release)
    const suppressed = stored.release.tables.flatMap(table =>
      table.rows.flatMap(r =>
        table.columns.filter(c => table.values[r.code][c.code] === '[c]').map(c => [table, r, c] as const),
      ),
    )
    expect(suppressed.length).toBeGreaterThan(0)
    for (const [table, row, column] of suppressed) {
      const shown = doc.tables.find(x => x.caption === table.title)!
      const index = table.rows.indexOf(row) + 1
      expect(shown.rows[index][table.columns.indexOf(column) + 1]).toBe('[c]')
    }

    // The sentences say what the tables show, from the stored figures only.
    const summary = stored.release.tables.find(x => x.id === 'summary')!
    expect(doc.text).toContain(`Reviews completed by the panel: ${cellText(summary.values.reviews_completed.count)}`)
    const modifiable = stored.release.tables.find(x => x.id === 'category_by_modifiable')!.values.total
    if (typeof modifiable.identified === 'number' && typeof modifiable.not_identified === 'number') {
      expect(doc.text).toContain(
        `Of ${modifiable.identified + modifiable.not_identified} reviews with enough information, ${modifiable.identified}`,
      )
    }
    expect(doc.text).toMatch(/Female to male deaths in each year from 2014-15 to 2016-17: [\d[\]c]+:[\d[\]c]+, /)
    expect(doc.text).toContain('Checked against earlier releases')

    // One drawing per chart; identical drawings (two notes saying the same) share one image file.
    expect(doc.documentXml.match(/<w:drawing>/g)).toHaveLength(5)
    expect(doc.images.length).toBeGreaterThan(0)
    for (const image of doc.images) {
      expect(image.name).toMatch(/\.png$/)
      expect([image.name, isValidPng(image.data)]).toEqual([image.name, true])
    }
    expect(doc.headerFooterXml).not.toContain('CONFIDENTIAL')
    expect(doc.headerFooterXml).toMatch(/PAGE/)
    // Live data-quality counts could undo the suppression: the published report has none.
    expect(doc.tables.some(x => x.caption.startsWith('Key items missing'))).toBe(false)

    const [event] = await t.db.models.AuditEvent.findAll({ where: { action: 'annual_report_produced' } })
    expect(event.details).toMatchObject({ financialYear: '2016-17', mode: 'published', via: 'cli' })
  })

  it('has a part for each listed local authority: its own published figures, or says that none are published', async () => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const context = { ...systemContext(), actorUserId: admin.id }
    for (const name of ['Luton', 'Bedford Borough']) {
      await t.services.localAuthorityService.change(
        { kind: 'add', name },
        await t.services.localAuthorityService.listVersion(),
        context,
      )
    }
    await publish()
    expect(await runCliInTest(t, ['stats:publish', '--year', '2016-17', '--local-authority', 'Luton'])).toMatchObject({
      code: 0,
    })
    const panel = (await t.services.publicationService.current('2016-17'))!
    const luton = (await t.services.publicationService.current('2016-17', 'Luton'))!
    const { code, out } = await report()
    expect(code).toBe(0)
    const doc = await parseDocx(await fs.readFile(out))

    expect(doc.headings).toContainEqual({ level: 1, text: 'Local authorities' })
    expect(doc.headings).toContainEqual({ level: 2, text: 'Luton' })
    expect(doc.headings).toContainEqual({ level: 2, text: 'Bedford Borough' })
    expect(doc.text).toContain('The panel covers Luton, Bedford Borough.')
    expect(doc.text).toContain("No release of Bedford Borough's own figures for 2016-17 has been published.")
    // The panel's tables by authority and Luton's own tables, each as published.
    expectTablesMatch(doc, panel.release)
    const own = luton.release.tables.filter(table => ['summary', 'category_by_modifiable'].includes(table.id))
    expect(own).toHaveLength(2)
    expectTablesMatch(doc, {
      ...luton.release,
      tables: own.map(table => ({ ...table, title: `Luton: ${table.title}` })),
    })
    const deaths = cellText(luton.release.tables.find(x => x.id === 'summary')!.values.deaths.count)
    expect(doc.text).toContain(`Children resident in Luton: ${deaths} deaths in the year`)
  })

  it('shows the review timeliness medians of the release, withheld over fewer than 10 cases', async () => {
    await publish()
    const stored = (await t.services.publicationService.current('2016-17'))!
    const medians = stored.release.tables.find(x => x.id === 'review_timeliness')!
    const doc = await parseDocx(await fs.readFile((await report()).out))
    const shown = doc.tables.find(x => x.caption === medians.title)!
    expect(shown.rows[0]).toEqual(['', ...medians.columns.map(c => c.label)])
    expect(shown.rows[1]).toEqual([
      medians.rows[0].label,
      ...medians.columns.map(c => cellText(medians.values[medians.rows[0].code][c.code])),
    ])
    expect(doc.text).toContain('A median over fewer than 10 cases is not shown ([c]).')
  })

  it('reads the published figures as stored, not as the cases now say', async () => {
    await publish()
    const stored = (await t.services.publicationService.current('2016-17'))!
    await t.db.sequelize.query("UPDATE cases SET category = 1 WHERE review_date BETWEEN '2016-04-01' AND '2017-03-31'")
    const { code, out } = await report()
    expect(code).toBe(0)
    expectTablesMatch(await parseDocx(await fs.readFile(out)), stored.release)
  })

  it('marks every page of the unsuppressed report confidential, with exact figures that differ from the published', async () => {
    await publish()
    const stored = (await t.services.publicationService.current('2016-17'))!
    const { code, out } = await report('--unsuppressed')
    expect(code).toBe(0)
    const doc = await parseDocx(await fs.readFile(out))
    const exact = await t.services.statisticsService.buildRelease({ years: '2016-17', mode: 'unsuppressed' })
    expectTablesMatch(doc, exact)
    expect(doc.text).not.toContain('[c]')
    const quality = await t.services.dataQualityService.forYear('2016-17')
    const qualityTable = doc.tables.find(x => x.caption === 'Key items missing or not known, 2016-17')!
    expect(qualityTable.rows.slice(1).map(r => [r[0], r[2]])).toEqual(
      quality.items.map(i => [i.label, String(i.missing.count)]),
    )
    // Where the published release suppressed a figure, this one gives the number.
    const hidden = stored.release.tables.find(x => JSON.stringify(x.values).includes('[c]'))!
    const shown = doc.tables.find(x => x.caption === hidden.title)!
    expect(shown.rows.flat()).not.toContain('[c]')
    expect(shown.rows.slice(1).map(r => r.slice(1, hidden.columns.length + 1))).not.toEqual(
      hidden.rows.map(r => hidden.columns.map(c => cellText(hidden.values[r.code][c.code]))),
    )
    // One header and one footer for the one section: both carry the mark, the footer the page numbers.
    expect(doc.headers.length).toBeGreaterThan(0)
    expect(doc.footers.length).toBeGreaterThan(0)
    for (const part of [...doc.headers, ...doc.footers]) expect(part).toContain(CONFIDENTIAL_MARK)
    expect(doc.footers.join('\n')).toContain('Page')
    expect(doc.headerFooterXml).toMatch(/PAGE/)
    expect(doc.headerFooterXml).toMatch(/NUMPAGES/)
    const events = await t.db.models.AuditEvent.findAll({ where: { action: 'annual_report_produced' } })
    expect(events.map(e => e.details)).toEqual([expect.objectContaining({ mode: 'unsuppressed', via: 'cli' })])
  })

  it('prints a review’s learning only as curated, never its own text, which names people', async () => {
    await publish()
    const child = await buildCase(t.services, { givenNames: 'Zebedee', familyName: 'Quartermaine' })
    const sentence = 'Learning: the health visitor did not share the overheating concern with the GP.'
    const review = await t.db.models.CaseReview.create({
      caseId: child.id,
      status: 'final',
      learningPoints: `${sentence} Zebedee Quartermaine ${child.caseRef}`,
      reviewDate: '2016-09-01',
      modifiableFactors: 'identified',
      category: 5,
    } as never)
    const absent = async (doc: ParsedDocx) => {
      expect(doc.text).not.toContain('overheating concern')
      expect(doc.text).not.toContain('Quartermaine')
      expect(doc.text).not.toContain(child.caseRef)
    }
    for (const args of [[], ['--unsuppressed']]) {
      const { code, out } = await report(...args)
      expect(code).toBe(0)
      const doc = await parseDocx(await fs.readFile(out))
      await absent(doc)
      expect(doc.text).toContain('No learning from the reviews of 2016-17 has been chosen for the report yet.')
    }

    const entries = await t.services.reportLearningService.listForYear('2016-17', systemContext())
    const entry = entries.find(e => e.caseId === child.id)!
    expect(entry.sourceId).toBe(review.id)
    // Wording that still names the child is refused with the reason, and so never reaches the report.
    await expect(
      t.services.reportLearningService.decide(
        entry.sourceType,
        entry.sourceId,
        { decision: 'include', curatedText: 'Zebedee Quartermaine was not seen by the GP.' },
        null,
        systemContext(),
      ),
    ).rejects.toThrow(/name|identif/i)
    const curated = 'Concerns about a baby overheating should reach the family doctor the same day.'
    await t.services.reportLearningService.decide(
      entry.sourceType,
      entry.sourceId,
      { decision: 'include', curatedText: curated },
      null,
      systemContext(),
    )
    for (const args of [[], ['--unsuppressed']]) {
      const { code, out } = await report(...args)
      expect(code).toBe(0)
      const doc = await parseDocx(await fs.readFile(out))
      await absent(doc)
      expect(doc.paragraphs).toContain(curated)
    }
  }, 120_000)

  it('lists the year’s actions by theme only in curated wording, and counts every one', async () => {
    await publish()
    const child = await buildCase(t.services, { givenNames: 'Ottoline', familyName: 'Brackenbury' })
    const review = await t.db.models.CaseReview.create({
      caseId: child.id,
      status: 'final',
      reviewDate: '2016-10-03',
      modifiableFactors: 'identified',
      category: 6,
    } as never)
    const uncurated = 'Ottoline Brackenbury’s school to review its epilepsy care plans.'
    const toCurate = 'Remind the ward about Ottoline’s medication chart.'
    const [, second] = await t.db.models.Action.bulkCreate([
      {
        caseId: child.id,
        reviewId: review.id,
        description: uncurated,
        ownerOrganisation: 'Education',
        dueDate: '2017-01-31',
      },
      {
        caseId: child.id,
        reviewId: review.id,
        description: toCurate,
        ownerOrganisation: 'Acute trust',
        dueDate: '2030-01-31',
        evidenceOfImpact: 'Audit of charts in March showed every dose recorded.',
      },
    ] as never[])
    const curated = 'Wards to check epilepsy medication charts at every handover.'
    await t.services.reportLearningService.decide(
      'action',
      second.id,
      { decision: 'include', curatedText: curated },
      null,
      systemContext(),
    )
    const { code, out } = await report()
    expect(code).toBe(0)
    const doc = await parseDocx(await fs.readFile(out))
    expect(doc.text).toContain(
      'The reviews of the year led to 2 actions: 2 still open (1 of them overdue) and 0 completed.',
    )
    expect(doc.text).toContain(
      '1 action is counted above but not listed, because the wording has not been chosen for the report.',
    )
    const actions = doc.tables.find(x => x.caption.startsWith('Actions:'))!
    expect(actions.rows[1].slice(0, 2)).toEqual([curated, 'Acute trust'])
    expect(actions.rows[1][4]).toBe('Audit of charts in March showed every dose recorded.')
    expect(doc.text).not.toContain('Brackenbury')
    expect(doc.text).not.toContain('Ottoline')
    expect(doc.text).not.toContain('epilepsy care plans')
  }, 120_000)

  it('refuses, with the reason and a non-zero exit, every report it cannot write as asked', async () => {
    await publish()
    const cases: [string[], RegExp][] = [
      [
        ['--year', '2015-16', '--out', path.join(dir, 'a.docx')],
        /2015-16 has not been published.*Published years: 2016-17/,
      ],
      [['--year', '2016-2017', '--out', path.join(dir, 'a.docx')], /2016-17/],
      [['--year', '2014-15..2016-17', '--out', path.join(dir, 'a.docx')], /one financial year/],
      [['--year', '2099-00', '--out', path.join(dir, 'a.docx')], /./],
      [['--year', '2016-17'], /--out FILE is required/],
      [['--out', path.join(dir, 'a.docx')], /--year is required/],
      [['--year', '2016-17', '--out', path.join(dir, 'a.pdf')], /\.docx/],
      [['--year', '2016-17', '--out', path.join(dir, 'missing', 'a.docx')], /does not exist/],
      [['--year', '2016-17', '--out', path.join(dir, 'folder.docx')], /is a folder/],
      [['--year', '2016-17', '--out', path.join(dir, 'a.docx'), '--colour'], /--colour/],
    ]
    await fs.mkdir(path.join(dir, 'folder.docx'), { recursive: true })
    for (const [args, message] of cases) {
      const result = await runCliInTest(t, ['report:annual', ...args])
      expect([args.join(' '), result.code]).toEqual([args.join(' '), 2])
      expect(result.err).toMatch(message)
    }
    await expect(fs.stat(path.join(dir, 'a.docx'))).rejects.toThrow()
    expect(await t.db.models.AuditEvent.count({ where: { action: 'annual_report_produced' } })).toBe(0)
  }, 60_000)

  it('refuses a published report when nothing at all is published, saying so', async () => {
    const { code, err } = await report()
    expect(code).toBe(2)
    expect(err).toContain('No year has been published yet')
  })

  it('downloads for the roles that may have it: published for public health, unsuppressed for case managers only', async () => {
    await publish()
    const coordinator = await signedInAs(['coordinator'])
    const published = await coordinator.get('/statistics/annual-report?year=2016-17').buffer(true).parse(binary)
    expect(published.status).toBe(200)
    expect(published.headers['content-type']).toContain('wordprocessingml.document')
    expect(published.headers['content-disposition']).toContain('annual-report-2016-17.docx')
    const publishedDoc = await parseDocx(published.body as Buffer)
    expect(publishedDoc.headerFooterXml).not.toContain('CONFIDENTIAL')

    const exact = await coordinator
      .get('/statistics/annual-report?year=2016-17&mode=unsuppressed')
      .buffer(true)
      .parse(binary)
    expect(exact.status).toBe(200)
    expect(exact.headers['content-disposition']).toContain('CONFIDENTIAL')
    expect((await parseDocx(exact.body as Buffer)).headers.join()).toContain(CONFIDENTIAL_MARK)

    const health = await signedInAs(['public_health'])
    expect((await health.get('/statistics/annual-report?year=2016-17').buffer(true).parse(binary)).status).toBe(200)
    expect((await health.get('/statistics/annual-report?year=2016-17&mode=unsuppressed')).status).toBe(403)
    expect((await health.get('/statistics/annual-report?year=2015-16')).status).toBe(404)
    const panel = await signedInAs(['panel_member'])
    expect((await panel.get('/statistics/annual-report?year=2016-17')).status).toBe(403)
    expect((await newAgent(t.app).get('/statistics/annual-report?year=2016-17')).status).toBe(302)

    for (const query of [
      '',
      'year=2016-2017',
      'year=2016-17&year=2015-16',
      'year=2016-17&mode=raw',
      `year=${'9'.repeat(200)}`,
    ]) {
      expect([query, (await coordinator.get(`/statistics/annual-report?${query}`)).status]).toEqual([query, 400])
    }
    const events = await t.db.models.AuditEvent.findAll({ where: { action: 'annual_report_produced' } })
    expect(events.map(e => e.details.mode).sort()).toEqual(['published', 'published', 'unsuppressed'])

    const page = await health.get('/statistics/report?year=2016-17')
    expect(page.text).toContain('/statistics/annual-report?year=2016-17')
  }, 120_000)

  const soffice = (() => {
    try {
      execFileSync('which', ['soffice'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  // LibreOffice is not on this machine (and is not installed for the tests); where it is, it must open the file.
  ;(soffice ? it : it.skip)('opens in LibreOffice', async () => {
    await publish()
    const { out } = await report()
    execFileSync('soffice', ['--headless', '--convert-to', 'txt:Text', '--outdir', dir, out], { timeout: 120_000 })
    const text = await fs.readFile(out.replace(/\.docx$/, '.txt'), 'utf8')
    expect(text).toContain('The panel and its process')
  })
})
