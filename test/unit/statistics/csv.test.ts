import { CSV_HEADER, csvField, releaseToCsv, releaseToCsvRows, toCsv } from '../../../src/domain/statistics/csv'
import { releaseToJson } from '../../../src/domain/statistics/json'
import { suppressRelease } from '../../../src/domain/statistics/suppression'
import { buildRelease } from './randomRelease'
import { buildTable, type CellValue, type Release } from '../../../src/domain/statistics/release'
import {
  categoryBySexDefinition,
  reviewDurationDefinition,
  summaryDefinition,
} from '../../../src/domain/statistics/tables'

/** A strict RFC 4180 reader, to check the output parses back to exactly what was written. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"'
      i += 2
    } else if (ch === '"') {
      quoted = !quoted
      i += 1
    } else if (!quoted && ch === ',') {
      record.push(field)
      field = ''
      i += 1
    } else if (!quoted && text.startsWith('\r\n', i)) {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 2
    } else {
      field += ch
      i += 1
    }
  }
  // Every record, the last included, ends with CRLF.
  expect(record).toEqual([])
  expect(field).toBe('')
  return records
}

const counts = {
  cat_3: { male: 7, female: 9 },
  cat_8: { male: 12, female: 3, other: 1 },
}

function sample(mode: Release['mode'] = 'unsuppressed'): Release<number> {
  const sexTable = buildTable(categoryBySexDefinition(), counts)
  const summary = buildTable(summaryDefinition(), { reviews_completed: { count: 32 }, notifications: { count: 40 } })
  const duration = buildTable(reviewDurationDefinition(), {
    under_6_months: { count: 20 },
    over_12_months: { count: 12 },
  })
  // Deliberately out of contract order: the exports put them back.
  return {
    financialYear: '2016-17',
    mode,
    suppressMax: 5,
    producedAt: '2017-05-02T09:30:00.000Z',
    tables: [duration, sexTable, summary],
  }
}

describe('csvField', () => {
  it('quotes only what RFC 4180 needs quoted, doubling quotes', () => {
    expect(csvField('Perinatal/neonatal event')).toBe('Perinatal/neonatal event')
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('')).toBe('')
    expect(
      toCsv([
        ['a', 'b,c'],
        ['"', ''],
      ]),
    ).toBe('a,"b,c"\r\n"""",\r\n')
    const awkward = [
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['', '"', ','],
    ]
    expect(parseCsv(toCsv(awkward))).toEqual(awkward)
  })
})

describe('releaseToCsv', () => {
  it('starts with exactly the contract header', () => {
    const text = releaseToCsv(suppressRelease(sample(), 5))
    expect(text.split('\r\n')[0]).toBe('financial_year,table,row,row_label,column,column_label,value')
    expect([...CSV_HEADER].join(',')).toBe('financial_year,table,row,row_label,column,column_label,value')
  })

  it('writes one line per figure, tables in contract order, rows then columns in listed order', () => {
    const rows = releaseToCsvRows(suppressRelease(sample(), 5))
    expect(rows).toHaveLength(1 + 6 * 1 + 11 * 4 + 4 * 1)
    expect(rows.slice(1, 3)).toEqual([
      ['2016-17', 'summary', 'notifications', 'Notifications', 'count', 'Count', '40'],
      ['2016-17', 'summary', 'deaths', 'Deaths', 'count', 'Count', '0'],
    ])
    const order = rows.slice(1).map(r => `${r[1]} ${r[2]} ${r[4]}`)
    expect(order.slice(6, 10)).toEqual([
      'category_by_sex cat_1 male',
      'category_by_sex cat_1 female',
      'category_by_sex cat_1 other',
      'category_by_sex cat_1 total',
    ])
    expect(order.at(-1)).toBe('review_duration total count')
  })

  it('writes the contract example line as given', () => {
    const text = releaseToCsv(suppressRelease(sample(), 5))
    expect(text).toContain('\r\n2016-17,category_by_sex,cat_8,Perinatal/neonatal event,female,Female,3\r\n')
  })

  it('quotes a label with a comma and writes the marker for a suppressed figure', () => {
    const text = releaseToCsv(suppressRelease(sample('published'), 5))
    expect(text).toContain(
      '\r\n2016-17,category_by_sex,cat_3,"Trauma and other external factors, including medical/surgical complications/error",male,Male,7\r\n',
    )
    expect(text).toContain('\r\n2016-17,category_by_sex,cat_8,Perinatal/neonatal event,female,Female,[c]\r\n')
  })

  it('parses back, for any release, to seven fields a line, each value a whole number or [c]', () => {
    const release = suppressRelease(
      buildRelease({
        firstYear: 2,
        deaths: [{ year: 1, age: '1_4y', sex: 'female', expected: 'unexpected', n: 4 }],
        reviews: [
          {
            year: 4,
            age: '0_27d',
            sex: 'male',
            expected: 'expected',
            category: '3',
            ethnicity: 'white',
            duration: 'under_6_months',
            modifiable: 'identified',
            preventability: null,
            n: 9,
          },
        ],
        notifications: 14,
        jarStarted: 2,
        openAtYearEnd: 7,
      }),
      5,
    )
    const text = releaseToCsv(release)
    const parsed = parseCsv(text)
    expect(parsed).toEqual(releaseToCsvRows(release))
    const figures = release.tables.reduce((n, t) => n + t.rows.length * t.columns.length, 0)
    expect(parsed).toHaveLength(1 + figures)
    parsed.slice(1).forEach(record => {
      expect(record).toHaveLength(7)
      expect(record[0]).toBe('2014-15..2016-17')
      expect(record[6]).toMatch(/^(0|[1-9]\d*|\[c\])$/)
    })
  })

  it('refuses a value that is neither a count nor the marker', () => {
    const release = suppressRelease(sample(), 5)
    const broken: Release<CellValue> = {
      ...release,
      tables: [{ ...release.tables[0], values: { ...release.tables[0].values, under_6_months: { count: 2.5 } } }],
    }
    expect(() => releaseToCsvRows(broken)).toThrow(/Not a count/)
  })
})

describe('releaseToJson', () => {
  it('has exactly the contract shape, tables in contract order', () => {
    const json = releaseToJson(suppressRelease(sample('published'), 5))
    expect(Object.keys(json)).toEqual(['financial_year', 'mode', 'suppress_max', 'produced_at', 'tables'])
    expect(json).toMatchObject({
      financial_year: '2016-17',
      mode: 'published',
      suppress_max: 5,
      produced_at: '2017-05-02T09:30:00.000Z',
    })
    expect(json.tables.map(t => t.id)).toEqual(['summary', 'category_by_sex', 'review_duration'])
    json.tables.forEach(t => expect(Object.keys(t)).toEqual(['id', 'title', 'rows', 'columns', 'values']))
    const sexTable = json.tables[1]
    expect(sexTable.rows.at(-1)).toBe('total')
    expect(sexTable.columns).toEqual(['male', 'female', 'other', 'total'])
    expect(sexTable.values.cat_8).toEqual({ male: 12, female: '[c]', other: '[c]', total: 16 })
    expect(Object.keys(sexTable.values)).toEqual(sexTable.rows)
  })

  it('survives JSON.stringify unchanged, with numbers as numbers', () => {
    const json = releaseToJson(suppressRelease(sample(), 5))
    const text = JSON.stringify(json)
    expect(JSON.parse(text)).toEqual(json)
    expect(text).toContain('"cat_8":{"male":12,"female":3,"other":1,"total":16}')
  })
})
