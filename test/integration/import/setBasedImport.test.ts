import { Readable } from 'node:stream'
import { QueryTypes } from 'sequelize'
import { MAX_ROW_CHARACTERS } from '../../../src/services/import/csvRecords'
import { BATCH_SIZE, ImportOptions } from '../../../src/services/import/historyImportService'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { importCsv as importCsvWith, importOptions as options, problemsOf } from './importHelpers'
import { csvOf, historyCsv, historyRow, nhsNumberFor } from '../../fixtures/import/historyCsv'

/**
 * What the streaming, set-based import (COPY into temporary tables, checks and inserts in SQL)
 * could get wrong that the row-by-row one could not.
 */
describe('HistoryImportService, streamed through COPY', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const importCsv = (content: string | Buffer, overrides: Partial<ImportOptions> = {}) =>
    importCsvWith(t, content, overrides)
  const count = async (sql: string) =>
    Number(
      (await t.db.sequelize.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, { type: QueryTypes.SELECT }))[0].n,
    )
  const nothingSaved = async () => {
    expect(await count('cases')).toBe(0)
    expect(await count('case_status_changes')).toBe(0)
    expect(await count('audit_events')).toBe(0)
  }
  const line = (row: Record<string, string>) => csvOf([row]).split('\r\n')[1]

  it('refuses a file of no rows, on a dry run too, and leaves no staging table behind', async () => {
    for (const dryRun of [false, true]) {
      expect(problemsOf(await importCsv(historyCsv(0), { dryRun }))).toEqual([
        [null, null, 'the file has a header row but no cases under it'],
      ])
    }
    await nothingSaved()
    // The temporary tables went with their transactions: the pool's connections can import again.
    expect(await importCsv(historyCsv(3))).toMatchObject({ ok: true, imported: 3 })
  })

  it('finds duplicates within the file far apart and across batches, NHS numbers compared without spaces', async () => {
    const rows = Array.from({ length: BATCH_SIZE * 2 + 10 }, (_, k) => historyRow(k + 1))
    const last = rows.length - 1
    rows[last] = { ...rows[last], case_ref: 'HIST-000001' }
    rows[BATCH_SIZE + 3] = { ...rows[BATCH_SIZE + 3], nhs_number: nhsNumberFor(2) } // written without spaces
    rows[last - 1] = { ...rows[last - 1], case_ref: 'HIST-000001' }
    expect(problemsOf(await importCsv(csvOf(rows)))).toEqual([
      [BATCH_SIZE + 5, 'nhs_number', 'row 3 has the same NHS number: each child can be in the file only once'],
      [last + 1, 'case_ref', 'row 2 has the same case reference: each case can be in the file only once'],
      [last + 2, 'case_ref', 'row 2 has the same case reference: each case can be in the file only once'],
    ])
    await nothingSaved()
  })

  it('names the first row of a duplicate even when that row is wrong in another column', async () => {
    const result = await importCsv(
      csvOf([
        { ...historyRow(1), sex: 'boy' },
        { ...historyRow(2), case_ref: 'HIST-000001' },
      ]),
    )
    expect(problemsOf(result)).toEqual([
      [2, 'sex', expect.stringContaining('"boy"')],
      [3, 'case_ref', 'row 2 has the same case reference: each case can be in the file only once'],
    ])
  })

  it('reports a duplicate against the service only once, at the first row that has it', async () => {
    expect(await importCsv(historyCsv(1, 5))).toMatchObject({ ok: true })
    const result = await importCsv(
      csvOf([historyRow(5), historyRow(6), { ...historyRow(7), case_ref: 'HIST-000005', nhs_number: '' }]),
    )
    expect(problemsOf(result)).toEqual([
      [2, 'case_ref', 'a case with this reference is already in the service'],
      [4, 'case_ref', 'row 2 has the same case reference: each case can be in the file only once'],
    ])
    expect(await count('cases')).toBe(1)
  })

  it('saves nothing when the only bad row is at the very end of many good ones', async () => {
    const good = historyCsv(BATCH_SIZE * 3)
    const bad = line({ ...historyRow(BATCH_SIZE * 3 + 1), given_names: 'Nul\u0000here' } as Record<string, string>)
    expect(problemsOf(await importCsv(`${good}${bad}\r\n`))).toEqual([
      [BATCH_SIZE * 3 + 2, 'given_names', 'this cell has a control character in it (such as NUL) that cannot be saved'],
    ])
    await nothingSaved()
  })

  it('rolls back every batch already inserted when the file goes bad at its very end while saving', async () => {
    const good = historyCsv(BATCH_SIZE * 2 + 1)
    const spoilt = `${historyCsv(BATCH_SIZE * 2)}${line({ ...historyRow(BATCH_SIZE * 2 + 1), case_ref: '' } as Record<string, string>)}\r\n`
    let opened = 0
    const result = await t.services.historyImportService.import(
      () => Readable.from([Buffer.from(opened++ === 0 ? good : spoilt)]),
      options(),
    )
    expect(problemsOf(result)).toEqual([
      [null, null, expect.stringContaining('the file changed while it was being imported')],
      [BATCH_SIZE * 2 + 2, 'case_ref', 'the case reference is missing: every case needs one'],
    ])
    await nothingSaved()
  })

  it('stores text that looks like COPY escapes exactly as written', async () => {
    const awkward = ['\\N', 'back\\slash', 'tab\there', 'line\nbreak', 'carriage\rreturn', '\\t not a tab']
    const rows = awkward.map((text, k) => ({ ...historyRow(k + 1), given_names: text, learning_points: text }))
    expect(await importCsv(csvOf(rows))).toMatchObject({ ok: true, imported: awkward.length })
    const stored = await t.db.sequelize.query<{ given_names: string; learning_points: string | null }>(
      'SELECT given_names, learning_points FROM cases ORDER BY case_ref',
      { type: QueryTypes.SELECT },
    )
    expect(stored.map(s => s.given_names)).toEqual(awkward)
    expect(stored.map(s => s.learning_points)).toEqual(awkward)
  })

  it('refuses a row longer than the limit, and an over-long cell, saving nothing', async () => {
    const long = line({ ...historyRow(2), learning_points: 'x'.repeat(MAX_ROW_CHARACTERS + 10) } as Record<
      string,
      string
    >)
    expect(
      problemsOf(await importCsv(`${historyCsv(1)}${long}\r\n${line(historyRow(3) as Record<string, string>)}\r\n`)),
    ).toEqual([
      [
        3,
        null,
        expect.stringMatching(/^this row is longer than 1,000,000 characters\. The rest of the file could not be read/),
      ],
    ])
    const wordy = csvOf([historyRow(1), { ...historyRow(2), learning_points: 'y'.repeat(20_001) }])
    expect(problemsOf(await importCsv(wordy))).toEqual([
      [3, 'learning_points', 'this is longer than 20,000 characters'],
    ])
    await nothingSaved()
  })

  it.each([
    ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
    ['an encoded UTF-16 surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ['a code point above U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
    ['a character cut off at the end of the file', Buffer.from([0xe2, 0x82])],
  ])('refuses forged UTF-8: %s', async (_name, forged) => {
    const csv = Buffer.concat([Buffer.from(historyCsv(2)), Buffer.from('HIST-9'), forged])
    expect(problemsOf(await importCsv(csv))).toEqual([
      [null, null, expect.stringMatching(/^line 4 of the file is not UTF-8 text, so nothing after it could be read/)],
    ])
    await nothingSaved()
  })

  it('refuses a file saved as UTF-16', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(historyCsv(2), 'utf16le')])
    expect(problemsOf(await importCsv(utf16))).toEqual([
      [null, null, expect.stringMatching(/^line 1 of the file is not UTF-8 text/)],
    ])
    await nothingSaved()
  })

  it('runs two imports at once: different files both go in; of two with the same child, one is refused', async () => {
    const [a, b] = await Promise.all([importCsv(historyCsv(BATCH_SIZE + 1, 1)), importCsv(historyCsv(50, 10_001))])
    expect([a, b]).toEqual([
      { ok: true, dryRun: false, checked: BATCH_SIZE + 1, imported: BATCH_SIZE + 1 },
      { ok: true, dryRun: false, checked: 50, imported: 50 },
    ])
    await resetDatabase(t.db)

    const same = historyCsv(300, 20_001)
    const results = await Promise.all([importCsv(same), importCsv(same)])
    const [won, lost] = results[0].ok ? results : [results[1], results[0]]
    expect(won).toEqual({ ok: true, dryRun: false, checked: 300, imported: 300 })
    expect(lost.ok).toBe(false)
    if (lost.ok) return
    // Both passed the check; the second to save found the first one's cases, and saved nothing.
    expect(lost.problems[0]).toEqual({
      row: 2,
      column: 'case_ref',
      message: 'a case with this reference is already in the service',
    })
    expect(lost.problemCount).toBe(300 + 240) // every reference, and every row with an NHS number
    expect(await count('cases')).toBe(300)
    expect(await count("audit_events WHERE action = 'cases_imported'")).toBe(1)
  })
})
