import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, sampleCases } from './caseRows'
import { CSV_HEADER } from './contract'
import { runCliInTest } from '../../helpers/cli'

const cli = (t: TestApp, argv: string[]) => runCliInTest(t, argv)

describe('npm run cdop -- stats', () => {
  let t: TestApp
  let dir: string
  beforeAll(async () => {
    t = createTestApp()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-stats-'))
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    await insertCases(t.db, sampleCases())
  })
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    await t.close()
  })

  const exported = () => t.db.models.AuditEvent.findAll({ where: { action: 'statistics_exported' } })

  it('writes a published CSV for a year that parses into the contract, without an audit row', async () => {
    const out = path.join(dir, 'stats.csv')
    const result = await cli(t, ['stats', '--year', '2016-17', '--format', 'csv', '--out', out])
    expect(result).toMatchObject({ code: 0, err: '' })
    expect(result.out).toBe(`Wrote published statistics for 2016-17 (15 tables) as CSV to ${out}\n`)
    const text = fs.readFileSync(out, 'utf8')
    expect(text.split('\r\n')[0]).toBe(CSV_HEADER)
    const records = parse(text, { columns: true }) as Record<string, string>[]
    expect([...new Set(records.map(r => r.table))]).toHaveLength(15)
    expect(records.every(r => r.financial_year === '2016-17')).toBe(true)
    expect(records.filter(r => /^[1-5]$/.test(r.value))).toEqual([])
    expect(await exported()).toHaveLength(0)
  })

  it('writes pooled years, Excel and JSON', async () => {
    const xlsx = path.join(dir, 'pooled.xlsx')
    expect((await cli(t, ['stats', '--years', '2014-15..2016-17', '--format', 'xlsx', '--out', xlsx])).code).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(xlsx)
    expect(workbook.worksheets[0].name).toBe('Notes')
    expect(workbook.worksheets).toHaveLength(16)

    const json = path.join(dir, 'stats.json')
    expect((await cli(t, ['stats', '--year', '2015-16', '--format', 'json', '--out', json])).code).toBe(0)
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toMatchObject({ financial_year: '2015-16', mode: 'published' })
  })

  it('writes exact counts with --unsuppressed and records it in the audit log', async () => {
    const out = path.join(dir, 'exact.csv')
    const result = await cli(t, ['stats', '--year', '2016-17', '--format', 'csv', '--out', out, '--unsuppressed'])
    expect(result.code).toBe(0)
    expect(result.out).toContain('Wrote unsuppressed statistics for 2016-17')
    expect(result.out).toContain('do not publish them')
    const records = parse(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(records.every(r => /^\d+$/.test(r.value))).toBe(true)
    const rows = await exported()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorUserId: null, entityType: 'statistics', entityId: '2016-17' })
    expect(rows[0].details).toMatchObject({ mode: 'unsuppressed', format: 'csv', via: 'cli' })
  })

  it.each([
    [['--format', 'csv', '--out', 'x.csv'], 'Give exactly one of --year (e.g. 2016-17) or --years'],
    [['--year', '2016-17', '--years', '2014-15..2016-17', '--format', 'csv', '--out', 'x.csv'], 'Give exactly one of'],
    [['--year', '2016-18', '--format', 'csv', '--out', 'x.csv'], '“2016-18” is not a financial year like 2016-17'],
    [['--years', '2016-17..2014-15', '--format', 'csv', '--out', 'x.csv'], 'The first year must come before the last'],
    [['--year', '2014-15..2016-17', '--format', 'csv', '--out', 'x.csv'], 'for pooled years use --years'],
    [['--years', '2016-17', '--format', 'csv', '--out', 'x.csv'], 'for one year use --year 2016-17'],
    [['--year', '2016-17', '--format', 'pdf', '--out', 'x.csv'], 'Unknown format "pdf": use csv, xlsx, json'],
    [['--year', '2016-17', '--out', 'x.csv'], '--format is required'],
    [['--year', '2016-17', '--format', 'csv'], '--out FILE is required'],
    [
      ['--year', '2016-17', '--format', 'csv', '--out', '/nonexistent/dir/x.csv'],
      'Could not write /nonexistent/dir/x.csv',
    ],
  ])('refuses %j with a plain message', async (args, message) => {
    const result = await cli(t, ['stats', ...args])
    expect(result.code).toBe(2)
    expect(result.err).toContain(message)
    expect(result.out).toBe('')
  })

  it('lists itself in the help', async () => {
    expect((await cli(t, ['--help'])).out).toContain('stats')
    expect((await cli(t, ['stats', '--help'])).out).toContain('--unsuppressed')
  })
})
