import { buildTable } from '../../../src/domain/statistics/release'
import {
  TABLE_IDS,
  categoryBySexDefinition,
  inContractOrder,
  reviewDurationDefinition,
  summaryDefinition,
  tableDefinitions,
  trendRows,
} from '../../../src/domain/statistics/tables'

// The contract (statistics.md §2), written out by hand so the test does not read the code under test.
const categoryRows = [
  'cat_1',
  'cat_2',
  'cat_3',
  'cat_4',
  'cat_5',
  'cat_6',
  'cat_7',
  'cat_8',
  'cat_9',
  'cat_10',
  'total',
]
const ageRows = ['0_27d', '28_364d', '1_4y', '5_9y', '10_14y', '15_17y', 'total']
const modifiableColumns = ['identified', 'not_identified', 'inadequate_information', 'total']
const contract: Record<string, { rows: string[]; columns: string[] }> = {
  summary: {
    rows: ['notifications', 'deaths', 'unexpected_deaths', 'jar_started', 'reviews_completed', 'open_at_year_end'],
    columns: ['count'],
  },
  category_by_modifiable: { rows: categoryRows, columns: modifiableColumns },
  category_by_preventability: {
    rows: categoryRows,
    columns: ['preventable', 'potentially_preventable', 'not_preventable', 'inadequate_information', 'total'],
  },
  category_by_sex: { rows: categoryRows, columns: ['male', 'female', 'other', 'total'] },
  age_by_modifiable: { rows: ageRows, columns: modifiableColumns },
  sex_by_modifiable: { rows: ['male', 'female', 'other', 'total'], columns: modifiableColumns },
  ethnicity_by_modifiable: {
    rows: ['white', 'mixed', 'asian', 'black', 'other', 'not_known', 'total'],
    columns: modifiableColumns,
  },
  expected_by_modifiable: { rows: ['expected', 'unexpected', 'total'], columns: modifiableColumns },
  review_duration: { rows: ['under_6_months', '6_to_12_months', 'over_12_months', 'total'], columns: ['count'] },
  deaths_by_age_and_sex: { rows: ageRows, columns: ['male', 'female', 'other', 'total'] },
  trend_deaths_by_sex: {
    rows: ['2014-15', '2015-16', '2016-17', 'total'],
    columns: ['female', 'male', 'other', 'total'],
  },
  trend_reviews_by_modifiable: { rows: ['2015-16', '2016-17', 'total'], columns: modifiableColumns },
}

const defs = tableDefinitions({ deathYears: ['2014-15', '2015-16', '2016-17'], reviewYears: ['2015-16', '2016-17'] })
const labelOf = (items: { code: string; label: string }[], code: string) => items.find(i => i.code === code)?.label

describe('table definitions', () => {
  it('lists every table of the contract, in contract order', () => {
    expect(defs.map(d => d.id)).toEqual(Object.keys(contract))
    expect([...TABLE_IDS]).toEqual(Object.keys(contract))
  })

  it.each(Object.entries(contract))('%s has the contract rows and columns in order', (id, { rows, columns }) => {
    const def = defs.find(d => d.id === id)
    expect(def?.rows.map(r => r.code)).toEqual(rows)
    expect(def?.columns.map(c => c.code)).toEqual(columns)
    expect(def?.title).not.toEqual('')
    expect(def?.population).not.toEqual('')
  })

  it('labels rows and columns from the code lists', () => {
    const byId = (id: string) => defs.find(d => d.id === id)!
    expect(labelOf(byId('category_by_sex').rows, 'cat_8')).toBe('Perinatal/neonatal event')
    expect(labelOf(byId('category_by_sex').rows, 'cat_3')).toBe(
      'Trauma and other external factors, including medical/surgical complications/error',
    )
    expect(labelOf(byId('category_by_sex').rows, 'total')).toBe('Total')
    expect(labelOf(byId('category_by_sex').columns, 'female')).toBe('Female')
    expect(labelOf(byId('category_by_sex').columns, 'other')).toBe('Other or not known')
    expect(labelOf(byId('category_by_modifiable').columns, 'identified')).toBe('Modifiable factors identified')
    expect(labelOf(byId('age_by_modifiable').rows, '0_27d')).toBe('0 to 27 days')
    expect(labelOf(byId('ethnicity_by_modifiable').rows, 'asian')).toBe('Asian or Asian British')
    expect(labelOf(byId('expected_by_modifiable').rows, 'unexpected')).toBe('Unexpected')
    expect(labelOf(byId('review_duration').rows, 'under_6_months')).toBe('Under 6 months')
    expect(labelOf(byId('review_duration').columns, 'count')).toBe('Count')
    expect(labelOf(byId('trend_deaths_by_sex').rows, '2015-16')).toBe('2015-16')
    expect(labelOf(byId('trend_deaths_by_sex').columns, 'male')).toBe('Male')
    expect(byId('summary').rows.map(r => r.label)).toEqual([
      'Notifications',
      'Deaths',
      'Unexpected deaths',
      'Joint agency responses started',
      'Reviews completed',
      'Open at year end',
    ])
  })

  it('gives every category row its category label', () => {
    const rows = categoryBySexDefinition().rows
    expect(rows.slice(0, 10).every(r => r.label.length > 0 && r.label !== r.code)).toBe(true)
  })

  it('does not share row objects between definitions, so one caller cannot relabel another', () => {
    const a = categoryBySexDefinition()
    a.rows[0].label = 'changed'
    expect(categoryBySexDefinition().rows[0].label).not.toBe('changed')
  })
})

describe('trendRows', () => {
  it('lists the years given, then the total', () => {
    expect(trendRows(['1999-00', '2000-01'])).toEqual([
      { code: '1999-00', label: '1999-00' },
      { code: '2000-01', label: '2000-01' },
      { code: 'total', label: 'Total' },
    ])
    expect(trendRows([])).toEqual([{ code: 'total', label: 'Total' }])
  })

  it('refuses anything but consecutive financial years, oldest first', () => {
    expect(() => trendRows(['2014-15', '2016-17'])).toThrow(/consecutive/)
    expect(() => trendRows(['2015-16', '2014-15'])).toThrow(/consecutive/)
    expect(() => trendRows(['2015-16', '2015-16'])).toThrow(/consecutive/)
    expect(() => trendRows(['2015-17'])).toThrow(/Not a financial year/)
    expect(() => trendRows(['total'])).toThrow(/Not a financial year/)
  })
})

describe('inContractOrder', () => {
  it('sorts tables into contract order, unknown ids last', () => {
    const shuffled = [{ id: 'x' }, { id: 'trend_deaths_by_sex' }, { id: 'summary' }, { id: 'review_duration' }]
    expect(inContractOrder(shuffled).map(t => t.id)).toEqual(['summary', 'review_duration', 'trend_deaths_by_sex', 'x'])
  })
})

describe('buildTable', () => {
  it('computes row totals, column totals and the grand total; missing cells are 0', () => {
    const table = buildTable(categoryBySexDefinition(), {
      cat_1: { male: 2, female: 3 },
      cat_8: { female: 7, other: 1 },
    })
    expect(table.values.cat_1).toEqual({ male: 2, female: 3, other: 0, total: 5 })
    expect(table.values.cat_8).toEqual({ male: 0, female: 7, other: 1, total: 8 })
    expect(table.values.cat_5).toEqual({ male: 0, female: 0, other: 0, total: 0 })
    expect(table.values.total).toEqual({ male: 2, female: 10, other: 1, total: 13 })
    expect(Object.keys(table.values)).toEqual(categoryRows)
  })

  it('gives summary no totals and review_duration a total row only', () => {
    const summary = buildTable(summaryDefinition(), { deaths: { count: 4 }, notifications: { count: 9 } })
    expect(summary.values).toEqual({
      notifications: { count: 9 },
      deaths: { count: 4 },
      unexpected_deaths: { count: 0 },
      jar_started: { count: 0 },
      reviews_completed: { count: 0 },
      open_at_year_end: { count: 0 },
    })
    const duration = buildTable(reviewDurationDefinition(), {
      under_6_months: { count: 4 },
      over_12_months: { count: 6 },
    })
    expect(duration.values).toEqual({
      under_6_months: { count: 4 },
      '6_to_12_months': { count: 0 },
      over_12_months: { count: 6 },
      total: { count: 10 },
    })
  })

  it('refuses unknown cells, supplied totals and values that are not counts', () => {
    const def = categoryBySexDefinition()
    expect(() => buildTable(def, { cat_11: { male: 1 } })).toThrow(/no data row cat_11/)
    expect(() => buildTable(def, { cat_1: { indeterminate: 1 } })).toThrow(/no data column indeterminate/)
    expect(() => buildTable(def, { total: { male: 1 } })).toThrow(/no data row total/)
    expect(() => buildTable(def, { cat_1: { total: 1 } })).toThrow(/no data column total/)
    expect(() => buildTable(def, { cat_1: { male: -1 } })).toThrow(/not a count/)
    expect(() => buildTable(def, { cat_1: { male: 1.5 } })).toThrow(/not a count/)
  })

  it('keeps the definition codes and labels', () => {
    const def = categoryBySexDefinition()
    const table = buildTable(def, {})
    expect(table).toMatchObject({ id: def.id, title: def.title, rows: def.rows, columns: def.columns })
  })
})
