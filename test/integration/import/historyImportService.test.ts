import { Readable } from 'node:stream'
import { QueryTypes } from 'sequelize'
import { BATCH_SIZE, ImportOptions } from '../../../src/services/import/historyImportService'
import { buildUser } from '../../factories'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { importCsv as importCsvWith, importOptions as options, problemsOf } from './importHelpers'
import { csvOf, historyCsv, historyRow, nhsNumberFor } from '../../fixtures/import/historyCsv'

describe('HistoryImportService', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const importCsv = (content: string | Buffer, overrides: Partial<ImportOptions> = {}) =>
    importCsvWith(t, content, overrides)
  const caseCount = () => t.db.models.Case.count()

  it('imports every row in one go, marked as imported, with a status history row and an audit trail', async () => {
    const coordinator = await buildUser(t.services, { roles: ['coordinator'] })
    const actor = { actorUserId: coordinator.id, requestId: 'req-9', ip: '10.0.0.1' }
    const result = await importCsv(historyCsv(30), { actor, via: 'upload' })
    expect(result).toEqual({ ok: true, dryRun: false, checked: 30, imported: 30 })

    const cases = await t.db.models.Case.findAll({ order: [['caseRef', 'ASC']] })
    expect(cases).toHaveLength(30)
    expect(cases.every(c => c.imported && c.createdBy === coordinator.id)).toBe(true)
    const first = cases[0]
    expect(first.toJSON()).toMatchObject({
      caseRef: 'HIST-000001',
      givenNames: 'Child 1',
      nhsNumber: nhsNumberFor(1),
      dateOfBirth: '2008-02-02',
      dateOfDeath: '2009-02-02',
      sex: 'female',
      ethnicity: 'B',
      expected: 'unexpected',
      notifiedAt: '2009-02-02',
      jarDate: '2009-02-02',
      jarRequired: true,
      status: 'reviewed',
      reviewDate: '2010-02-02',
      category: 2,
      modifiableFactors: 'not_identified',
    })
    // Quoted commas, quotes and line breaks survive.
    expect(cases.find(c => c.caseRef === 'HIST-000010')!.givenNames).toBe('Ann "Annie", Marie')
    expect(cases.find(c => c.caseRef === 'HIST-000007')!.familyName).toBe("O'Neill\nSmith")
    const [{ learning_points: learning }] = await t.db.sequelize.query<{ learning_points: string }>(
      "SELECT learning_points FROM cases WHERE case_ref = 'HIST-000001'",
      { type: QueryTypes.SELECT },
    )
    expect(learning).toBe('Safer sleep advice, given twice.')

    const history = await t.db.models.CaseStatusChange.findAll({ where: { caseId: first.id } })
    expect(history.map(h => h.toJSON())).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'reviewed',
        reason: 'Imported',
        changedBy: coordinator.id,
      }),
    ])
    expect(await t.db.models.CaseStatusChange.count()).toBe(30)

    const summary = await t.db.models.AuditEvent.findAll({ where: { action: 'cases_imported' } })
    expect(summary).toHaveLength(1)
    expect(summary[0].toJSON()).toMatchObject({
      actorUserId: coordinator.id,
      requestId: 'req-9',
      ip: '10.0.0.1',
      entityType: 'case_import',
      details: { count: 30, file_size: Buffer.byteLength(historyCsv(30)), via: 'upload' },
    })
    // The summary holds no personal data: no names, no NHS numbers.
    expect(JSON.stringify(summary[0].details)).not.toMatch(/Child|\d{10}/)
    const perCase = await t.db.models.AuditEvent.findAll({ where: { action: 'case_imported', entityId: first.id } })
    expect(perCase.map(e => e.toJSON())).toEqual([
      expect.objectContaining({
        actorUserId: coordinator.id,
        entityType: 'case',
        details: { import_id: summary[0].entityId },
      }),
    ])
  })

  it('imports a case on hold with the hold reason "other" and records it in the status history', async () => {
    const result = await importCsv(csvOf([{ ...historyRow(3), status: 'on_hold' }]))
    expect(result.ok).toBe(true)
    const imported = await t.db.models.Case.findOne({ include: ['statusChanges'] })
    expect(imported).toMatchObject({ status: 'on_hold', onHoldReason: 'other', statusBeforeHold: null })
    expect(imported!.get('statusChanges')).toEqual([
      expect.objectContaining({ toStatus: 'on_hold', reasonCode: 'other' }),
    ])
  })

  it('checks without saving on a dry run', async () => {
    const result = await importCsv(historyCsv(12), { dryRun: true })
    expect(result).toEqual({ ok: true, dryRun: true, checked: 12, imported: 0 })
    expect(await caseCount()).toBe(0)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'cases_imported' } })).toBe(0)
  })

  it('lists every problem of a dry run too', async () => {
    const result = await importCsv(csvOf([historyRow(1), { ...historyRow(2), sex: 'boy' }]), { dryRun: true })
    expect(problemsOf(result)).toEqual([[3, 'sex', expect.stringContaining('"boy" is not one of the codes')]])
  })

  it('accepts a byte-order mark and columns in any order, leaving out the optional ones', async () => {
    const columns = ['expected', 'sex', 'date_of_death', 'date_of_birth', 'case_ref']
    const result = await importCsv(`\uFEFF${csvOf([historyRow(4), historyRow(5)], columns)}`)
    expect(result).toMatchObject({ ok: true, imported: 2 })
    const imported = await t.db.models.Case.findOne({ where: { caseRef: 'HIST-000004' } })
    expect(imported).toMatchObject({ ethnicity: 'not_known', resident: true, status: 'information_gathering' })
  })

  it('saves nothing when the only bad row is the last of a big file', async () => {
    const good = historyCsv(4999)
    const bad = csvOf([{ ...historyRow(5000), nhs_number: '943 476 5918' }]).split('\r\n')[1]
    const result = await importCsv(`${good}${bad}\r\n`)
    expect(problemsOf(result)).toEqual([
      [5001, 'nhs_number', 'this is not a valid NHS number: its check digit is wrong'],
    ])
    expect(await caseCount()).toBe(0)
    expect(await t.db.models.CaseStatusChange.count()).toBe(0)
    expect(await t.db.models.AuditEvent.count({ where: { action: ['cases_imported', 'case_imported'] } })).toBe(0)
  })

  it('refuses a case reference or NHS number that is twice in the file', async () => {
    const result = await importCsv(
      csvOf([
        historyRow(1),
        historyRow(2),
        { ...historyRow(3), case_ref: 'HIST-000001' },
        { ...historyRow(4), nhs_number: nhsNumberFor(2) },
      ]),
    )
    expect(problemsOf(result)).toEqual([
      [4, 'case_ref', 'row 2 has the same case reference: each case can be in the file only once'],
      [5, 'nhs_number', 'row 3 has the same NHS number: each child can be in the file only once'],
    ])
    expect(await caseCount()).toBe(0)
  })

  it('refuses a case reference or NHS number the service already holds', async () => {
    expect(await importCsv(csvOf([historyRow(1), historyRow(2)]))).toMatchObject({ ok: true })
    const result = await importCsv(
      csvOf([
        historyRow(3),
        { ...historyRow(4), case_ref: 'HIST-000001' },
        { ...historyRow(5), nhs_number: nhsNumberFor(2) },
      ]),
    )
    expect(problemsOf(result)).toEqual([
      [3, 'case_ref', 'a case with this reference is already in the service'],
      [4, 'nhs_number', 'case HIST-000002 in the service has this NHS number'],
    ])
    expect(await caseCount()).toBe(2)
  })

  it('finds duplicates against the service beyond the first lookup batch', async () => {
    expect(BATCH_SIZE).toBeLessThan(2500)
    expect(await importCsv(historyCsv(3, 2500))).toMatchObject({ ok: true })
    const result = await importCsv(historyCsv(2600))
    expect(problemsOf(result).map(([row, column]) => [row, column])).toEqual([
      [2501, 'case_ref'], // this row has no NHS number
      [2502, 'case_ref'],
      [2502, 'nhs_number'],
      [2503, 'case_ref'],
      [2503, 'nhs_number'],
    ])
  })

  it('lists the first thousand problems of a file wrong on every row, and counts them all', async () => {
    const rows = Array.from({ length: 1500 }, (_, k) => ({ ...historyRow(k + 1), sex: 'x', expected: 'y' }))
    const result = await importCsv(csvOf(rows))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problemCount).toBe(3000)
    expect(result.problems).toHaveLength(1000)
    expect(result.problems[0]).toMatchObject({ row: 2, column: 'sex' })
    expect(result.problems[999]).toMatchObject({ row: 501, column: 'expected' })
  })

  it.each([
    ['an empty file', '', 'the file is empty: it needs a header row, then one row for each case'],
    [
      'a file with only a byte-order mark and blank lines',
      '\uFEFF\r\n\r\n',
      'the file is empty: it needs a header row, then one row for each case',
    ],
    ['a file with only a header', historyCsv(0), 'the file has a header row but no cases under it'],
  ])('refuses %s with a clear message', async (_name, content, message) => {
    expect(problemsOf(await importCsv(content))).toEqual([[null, null, message]])
  })

  it('refuses unknown, repeated and missing columns, and reads no rows under such a header', async () => {
    const csv = 'case_ref,date_of_birth,date_of_deth,sex,sex,colour\r\nX,2010-01-01,2011-01-01,male,male,red\r\n'
    expect(problemsOf(await importCsv(csv))).toEqual([
      [1, 'date_of_deth', 'this is not a column of the import: did you mean date_of_death?'],
      [1, 'sex', 'this column appears twice, as columns 4 and 5'],
      [1, 'colour', 'this is not a column of the import: check it against the template'],
      [1, 'date_of_death', 'this required column is missing from the header row'],
      [1, 'expected', 'this required column is missing from the header row'],
    ])
  })

  it('refuses a file that is not UTF-8', async () => {
    const latin1 = Buffer.from(csvOf([historyRow(1), { ...historyRow(2), given_names: 'Zoë' }]), 'latin1')
    expect(problemsOf(await importCsv(latin1))).toEqual([
      [null, null, expect.stringMatching(/^line 3 of the file is not UTF-8 text/)],
    ])
    expect(await caseCount()).toBe(0)
  })

  it('reports broken CSV with its row, together with the other problems', async () => {
    const csv = `${historyCsv(2)}HIST-9,a,b\r\n${csvOf([{ ...historyRow(4), sex: 'boy' }]).split('\r\n')[1]}\r\n`
    expect(problemsOf(await importCsv(csv))).toEqual([
      [4, null, expect.stringMatching(/^this row has 3 cells but the header row has 22/)],
      [5, 'sex', expect.stringContaining('"boy"')],
    ])
  })

  it('skips rows whose cells are all empty, as spreadsheets leave them', async () => {
    const csv = `${historyCsv(2)}${','.repeat(21)}\r\n`
    expect(await importCsv(csv)).toMatchObject({ ok: true, imported: 2 })
  })

  it('refuses a file that changed between the check and the save', async () => {
    let opened = 0
    const result = await t.services.historyImportService.import(
      () => Readable.from([Buffer.from(historyCsv(opened++ === 0 ? 3 : 4))]),
      options(),
    )
    expect(problemsOf(result)).toEqual([
      [null, null, expect.stringContaining('the file changed while it was being imported')],
    ])
    expect(await caseCount()).toBe(0)
  })

  it('rolls back the batches already saved when the last row fails while saving', async () => {
    // The check passes; by the save the file's last row has gone bad, after the first batches went in.
    const good = historyCsv(5000)
    const spoilt = `${historyCsv(4999)}${csvOf([{ ...historyRow(5000), sex: 'boy' }]).split('\r\n')[1]}\r\n`
    let opened = 0
    const result = await t.services.historyImportService.import(
      () => Readable.from([Buffer.from(opened++ === 0 ? good : spoilt)]),
      options(),
    )
    expect(problemsOf(result)).toEqual([
      [null, null, expect.stringContaining('the file changed while it was being imported')],
      [5001, 'sex', expect.stringContaining('"boy"')],
    ])
    expect(await caseCount()).toBe(0)
    expect(await t.db.models.CaseStatusChange.count()).toBe(0)
    expect(await t.db.models.AuditEvent.count()).toBe(0)
  })

  it('catches a case added to the service between the check and the save', async () => {
    let opened = 0
    const content = historyCsv(3)
    // Someone notifies a death with the same NHS number once the check is done, as the save starts reading.
    async function* file() {
      opened += 1
      if (opened === 2) {
        await t.db.sequelize.query(
          `INSERT INTO cases (case_ref, nhs_number, date_of_birth, date_of_death, sex, expected, notified_at)
           VALUES ('CDOP-2026-0001', $1, '2010-01-01', '2011-01-01', 'male', 'expected', '2011-01-01')`,
          { bind: [nhsNumberFor(2)] },
        )
      }
      yield Buffer.from(content)
    }
    const result = await t.services.historyImportService.import(() => Readable.from(file()), options())
    expect(problemsOf(result)).toEqual([[3, 'nhs_number', 'case CDOP-2026-0001 in the service has this NHS number']])
    expect(await caseCount()).toBe(1)
  })

  it('reports progress in both passes', async () => {
    const progress: string[] = []
    await importCsv(historyCsv(BATCH_SIZE * 2 + 5), { onProgress: p => progress.push(`${p.phase} ${p.rows}`) })
    const [one, two] = [BATCH_SIZE, BATCH_SIZE * 2]
    expect(progress).toEqual([
      `checking ${one}`,
      `checking ${two}`,
      `saving ${one}`,
      `saving ${two}`,
      `saving ${two + 5}`,
    ])
  })
})
