import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import config from '../../../src/config'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { contractTables, extensionTables, CSV_HEADER } from './contract'
import { runCliInTest } from '../../helpers/cli'

const cli = (t: TestApp, argv: string[]) => runCliInTest(t, argv)

const header = 'case_ref,date_of_birth,date_of_death,sex,expected,review_date,category,modifiable_factors'
const rows = [
  // Six infants who died in 2016-17, reviewed in 2016-17: perinatal, no modifiable factors.
  ...Array.from(
    { length: 6 },
    (_, i) => `HIST-${i + 1},2016-01-01,2016-05-01,male,expected,2016-11-01,8,not_identified`,
  ),
  // Two older children who died in 2016-17, not yet reviewed.
  'HIST-7,2010-01-01,2016-06-01,female,unexpected,,,',
  'HIST-8,2010-02-01,2016-06-02,female,unexpected,,,',
  // One death and review in the year before.
  'HIST-9,2015-01-01,2015-06-01,female,unexpected,2015-12-01,9,identified',
]

describe('a history file imported on the command line, then exported for a year', () => {
  let t: TestApp
  let dir: string
  beforeAll(() => {
    t = createTestApp()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-e2e-'))
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    await t.close()
  })

  it('parses with a standard CSV parser into exactly the contract tables, with the right counts', async () => {
    const file = path.join(dir, 'history.csv')
    fs.writeFileSync(file, `\uFEFF${header}\n${rows.join('\n')}\n`)
    const imported = await cli(t, ['import', file])
    expect(imported).toMatchObject({ code: 0 })
    expect(imported.out).toMatch(/9 cases/)

    const out = path.join(dir, 'stats.csv')
    expect((await cli(t, ['stats', '--year', '2016-17', '--format', 'csv', '--out', out, '--unsuppressed'])).code).toBe(
      0,
    )
    const text = fs.readFileSync(out, 'utf8')
    expect(text.split(/\r?\n/)[0]).toBe(CSV_HEADER)
    const records: Record<string, string>[] = parse(text, { columns: true })

    // Exactly the contract's tables, rows and columns, in order, then the service's own tables
    // (docs/statistics-tables.md) after them.
    const expected = [
      ...contractTables({
        deathYears: ['2015-16', '2016-17'],
        reviewYears: ['2015-16', '2016-17'],
      }),
      ...extensionTables(),
    ].flatMap(([table, rowCodes, columnCodes]) =>
      rowCodes.flatMap(row => columnCodes.map(column => `${table}/${row}/${column}`)),
    )
    expect(records.map(r => `${r.table}/${r.row}/${r.column}`)).toEqual(expected)
    expect(new Set(records.map(r => r.financial_year))).toEqual(new Set(['2016-17']))

    const value = (table: string, row: string, column: string) =>
      records.find(r => r.table === table && r.row === row && r.column === column)?.value
    expect(value('summary', 'deaths', 'count')).toBe('8')
    expect(value('summary', 'notifications', 'count')).toBe('8') // notified_at defaults to the date of death
    expect(value('summary', 'unexpected_deaths', 'count')).toBe('2')
    expect(value('summary', 'reviews_completed', 'count')).toBe('6')
    expect(value('summary', 'open_at_year_end', 'count')).toBe('2')
    expect(value('category_by_modifiable', 'cat_8', 'not_identified')).toBe('6')
    expect(value('deaths_by_age_and_sex', '28_364d', 'male')).toBe('6')
    expect(value('deaths_by_age_and_sex', '5_9y', 'female')).toBe('2')
    expect(value('review_duration', '6_to_12_months', 'count')).toBe('6')
    expect(value('trend_deaths_by_sex', '2015-16', 'female')).toBe('1')
    expect(value('trend_reviews_by_modifiable', '2015-16', 'identified')).toBe('1')

    // The published release of the same figures hides the small counts.
    const published = path.join(dir, 'published.csv')
    await cli(t, ['stats', '--year', '2016-17', '--format', 'csv', '--out', published])
    const hidden: Record<string, string>[] = parse(fs.readFileSync(published, 'utf8'), { columns: true })
    expect(hidden.find(r => r.table === 'summary' && r.row === 'unexpected_deaths')?.value).toBe('[c]')
    // No count from 1 to the threshold is shown anywhere in the published release.
    const shown = hidden.filter(r => r.value !== '[c]').map(r => Number(r.value))
    expect(shown.every(n => Number.isInteger(n) && (n === 0 || n > config.statistics.suppressMax))).toBe(true)
  })
})
