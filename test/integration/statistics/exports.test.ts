/**
 * The exports as other people's tools read them: the CSV through a standard CSV parser, the Excel
 * workbook through exceljs, the JSON through JSON.parse, each against the contract.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { QueryTypes } from 'sequelize'
import { releaseToCsv } from '../../../src/domain/statistics/csv'
import { exportRelease } from '../../../src/services/statistics/exportFormats'
import { NOTES_SHEET, sheetName } from '../../../src/services/statistics/excelExport'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, sampleCases } from './caseRows'
import { CSV_HEADER, contractTables, extensionTables } from './contract'

const TREND = {
  deathYears: ['2014-15', '2015-16', '2016-17'],
  reviewYears: ['2014-15', '2015-16', '2016-17'],
}

describe('statistics exports', () => {
  let t: TestApp
  beforeAll(async () => {
    t = createTestApp()
    await resetDatabase(t.db)
    await insertCases(t.db, sampleCases())
  })
  afterAll(() => t.close())

  const release = (years = '2016-17', mode: 'published' | 'unsuppressed' = 'published') =>
    t.services.statisticsService.buildRelease({ years, mode })

  it('writes a CSV that parses into exactly the contract header, tables, rows and columns', async () => {
    const published = await release()
    const text = releaseToCsv(published)
    expect(text.split('\r\n')[0]).toBe(CSV_HEADER)
    const records = parse(text, { columns: true, skip_empty_lines: false }) as Record<string, string>[]
    expect(Object.keys(records[0])).toEqual(CSV_HEADER.split(','))

    const expected = [...contractTables(TREND), ...extensionTables()].flatMap(([table, rows, columns]) =>
      rows.flatMap(row => columns.map(column => `${table}/${row}/${column}`)),
    )
    expect(records.map(r => `${r.table}/${r.row}/${r.column}`)).toEqual(expected)
    records.forEach(r => {
      expect(r.financial_year).toBe('2016-17')
      expect(r.value).toMatch(/^(0|[1-9]\d*|\[c\])$/)
      expect(r.row_label).not.toBe('')
      expect(r.column_label).not.toBe('')
    })
    // Published: no count from 1 to the threshold, and something was suppressed in this small sample.
    expect(records.some(r => r.value === '[c]')).toBe(true)
    expect(records.filter(r => /^[1-5]$/.test(r.value))).toEqual([])
    // A label with a comma is quoted, and survives the round trip.
    expect(records.find(r => r.row === 'cat_3')!.row_label).toBe(
      'Trauma and other external factors, including medical/surgical complications/error',
    )
  })

  it('gives the exact counts in unsuppressed mode, matching the database', async () => {
    const exact = await release('2016-17', 'unsuppressed')
    const records = parse(releaseToCsv(exact), { columns: true }) as Record<string, string>[]
    expect(records.every(r => /^\d+$/.test(r.value))).toBe(true)
    const value = (table: string, row: string, column: string) =>
      Number(records.find(r => r.table === table && r.row === row && r.column === column)!.value)
    const [{ n }] = await t.db.sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE status = 'reviewed' AND review_date BETWEEN '2016-04-01' AND '2017-03-31'`,
      { type: QueryTypes.SELECT },
    )
    expect(value('summary', 'reviews_completed', 'count')).toBe(n)
    expect(value('category_by_sex', 'total', 'total')).toBe(n)
  })

  it('writes a pooled release with the span as its financial year and single years in the trends', async () => {
    const pooled = await release('2015-16..2016-17')
    const records = parse(releaseToCsv(pooled), { columns: true }) as Record<string, string>[]
    expect(new Set(records.map(r => r.financial_year))).toEqual(new Set(['2015-16..2016-17']))
    expect([...new Set(records.filter(r => r.table === 'trend_deaths_by_sex').map(r => r.row))]).toEqual([
      ...TREND.deathYears,
      'total',
    ])
  })

  it('writes an Excel workbook with the notes sheet first and one grid per table', async () => {
    const published = await release()
    const file = await exportRelease(published, 'xlsx')
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(file.fileName).toBe('cdop-statistics-2016-17-published.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer)
    const contract = [...contractTables(TREND), ...extensionTables()]
    expect(workbook.worksheets.map(s => s.name)).toEqual([NOTES_SHEET, ...contract.map(([id]) => sheetName(id))])

    const notes = workbook.worksheets[0]
    const noteText = notes
      .getSheetValues()
      .flat()
      .filter(v => typeof v === 'string')
      .join('\n')
    expect(noteText).toContain('Suppression threshold')
    expect(noteText).toContain('[c] marks a suppressed figure')
    expect(noteText).toContain(published.producedAt)

    contract.forEach(([id, rows, columns]) => {
      const sheet = workbook.getWorksheet(sheetName(id))!
      const table = published.tables.find(x => x.id === id)!
      expect(sheet.getCell('A1').value).toBe(table.title)
      // Row 4: the column labels across; then one row per table row, its label first.
      expect(sheet.getRow(4).values).toEqual([undefined, '', ...table.columns.map(c => c.label)])
      expect(table.columns.map(c => c.code)).toEqual(columns)
      rows.forEach((row, i) => {
        const line = sheet.getRow(5 + i)
        expect(line.getCell(1).value).toBe(table.rows[i].label)
        columns.forEach((column, j) => expect(line.getCell(2 + j).value).toBe(table.values[row][column]))
      })
    })
  })

  it('writes JSON with exactly the contract properties', async () => {
    const published = await release()
    const file = await exportRelease(published, 'json')
    const json = JSON.parse(file.body.toString('utf8'))
    expect(Object.keys(json)).toEqual(['financial_year', 'mode', 'suppress_max', 'produced_at', 'tables'])
    expect(json).toMatchObject({ financial_year: '2016-17', mode: 'published', suppress_max: 5 })
    expect(
      json.tables.map((x: { id: string; rows: string[]; columns: string[] }) => [x.id, x.rows, x.columns]),
    ).toEqual([...contractTables(TREND), ...extensionTables()])
  })
})
