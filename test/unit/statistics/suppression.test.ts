import { buildTable, type Release, type StatsTable } from '../../../src/domain/statistics/release'
import {
  SUPPRESSION_MARKER,
  sharedFigureLinks,
  suppressRelease,
  suppressedCells,
  tableLines,
  pooledLines,
} from '../../../src/domain/statistics/suppression'
import {
  categoryByModifiableDefinition,
  deathsByAgeAndSexDefinition,
  reviewDurationDefinition,
  summaryDefinition,
  tableDefinitions,
  trendDeathsBySexDefinition,
  trendReviewsByModifiableDefinition,
} from '../../../src/domain/statistics/tables'

const c = SUPPRESSION_MARKER

/** A small two-by-two table with totals, for the hand-worked examples. */
function square(counts: Record<string, Record<string, number>>): StatsTable<number> {
  const items = (...codes: string[]) => codes.map(code => ({ code, label: code.toUpperCase() }))
  return buildTable(
    { id: 'square', title: 'Square', rows: items('a', 'b', 'total'), columns: items('x', 'y', 'total') },
    counts,
  )
}

function release(tables: StatsTable<number>[], financialYear = '2016-17'): Release<number> {
  return { financialYear, mode: 'published', suppressMax: 5, producedAt: '2017-05-02T09:30:00.000Z', tables }
}

const published = (r: Release<number>, suppressMax = 5) =>
  Object.fromEntries(suppressRelease(r, suppressMax).tables.map(t => [t.id, t.values]))

describe('tableLines', () => {
  it('gives a two-way table a line per row and per column, each with its total', () => {
    const lines = tableLines(square({}))
    expect(lines.map(l => `${l.total.row}/${l.total.col}`)).toEqual([
      'a/total',
      'b/total',
      'total/total',
      'total/x',
      'total/y',
      'total/total',
    ])
    expect(lines[0].cells.map(cell => cell.col)).toEqual(['x', 'y'])
    expect(lines[3].cells.map(cell => cell.row)).toEqual(['a', 'b'])
  })

  it('gives summary no lines and review_duration its one column', () => {
    expect(tableLines(summaryDefinition())).toEqual([])
    const lines = tableLines(reviewDurationDefinition())
    expect(lines).toHaveLength(1)
    expect(lines[0].cells.map(cell => cell.row)).toEqual(['under_6_months', '6_to_12_months', 'over_12_months'])
    expect(lines[0].total).toEqual({ tableId: 'review_duration', row: 'total', col: 'count' })
  })
})

describe('primary and secondary suppression of one table', () => {
  it('suppresses a small count, then the smallest other cell of each line it leaves alone', () => {
    // a: 3 10 | 13     primary: a/x. Row a then holds one, so a/y (10); column x holds one, so b/x (8);
    // b: 8 12 | 20     row b then holds one, so b/y (12). Every line now holds two; the totals stay.
    const table = square({ a: { x: 3, y: 10 }, b: { x: 8, y: 12 } })
    expect(published(release([table])).square).toEqual({
      a: { x: c, y: c, total: 13 },
      b: { x: c, y: c, total: 20 },
      total: { x: 11, y: 22, total: 33 },
    })
    expect(suppressedCells([table], '2016-17', 5)).toEqual([
      { tableId: 'square', row: 'a', col: 'x', reason: 'primary' },
      { tableId: 'square', row: 'a', col: 'y', reason: 'secondary' },
      { tableId: 'square', row: 'b', col: 'x', reason: 'secondary' },
      { tableId: 'square', row: 'b', col: 'y', reason: 'secondary' },
    ])
  })

  it('suppresses the total when it is the only non-zero cell left to suppress in a line', () => {
    // a: 2 7 | 9      primary a/x; row a → a/y (7); column x → b/x (6); row b has only the zero left,
    // b: 6 0 | 6      so its total b/total; column y likewise → total/y; the totals row then → total/x;
    //    8 7 | 15     the totals column then → a/total (9, the smallest data cell). 15 stays shown.
    const table = square({ a: { x: 2, y: 7 }, b: { x: 6, y: 0 } })
    expect(published(release([table])).square).toEqual({
      a: { x: c, y: c, total: c },
      b: { x: c, y: 0, total: c },
      total: { x: c, y: c, total: 15 },
    })
    const reasons = suppressedCells([table], '2016-17', 5).map(s => `${s.row}/${s.col} ${s.reason}`)
    expect(reasons).toEqual([
      'a/x primary',
      'a/y secondary',
      'b/x secondary',
      'b/total secondary',
      'total/y secondary',
      'total/x secondary',
      'a/total secondary',
    ])
  })

  it('breaks ties by taking the first cell in the line', () => {
    const items = (...codes: string[]) => codes.map(code => ({ code, label: code }))
    const wide = buildTable(
      { id: 'wide', title: 'Wide', rows: items('a', 'b', 'total'), columns: items('x', 'y', 'z', 'total') },
      { a: { x: 2, y: 7, z: 7 }, b: { x: 9, y: 9, z: 9 } },
    )
    expect(published(release([wide])).wide).toEqual({
      a: { x: c, y: c, z: 7, total: 16 },
      b: { x: c, y: c, z: 9, total: 27 },
      total: { x: 11, y: 16, z: 16, total: 43 },
    })
  })

  it('never suppresses a zero, and leaves a table with nothing small alone', () => {
    const table = square({ a: { x: 0, y: 40 }, b: { x: 0, y: 0 } })
    expect(published(release([table])).square).toEqual({
      a: { x: 0, y: 40, total: 40 },
      b: { x: 0, y: 0, total: 0 },
      total: { x: 0, y: 40, total: 40 },
    })
  })

  it('lets a small count alone in its line spread through the totals', () => {
    // a: 4  0 | 4      primary: a/x, a/total, total/x. The totals row then holds one, so total/y (30);
    // b: 0 30 | 30     column y holds one, so b/y; row b has only a zero left, so b/total.
    //    4 30 | 34
    const table = square({ a: { x: 4, y: 0 }, b: { x: 0, y: 30 } })
    expect(published(release([table])).square).toEqual({
      a: { x: c, y: 0, total: c },
      b: { x: 0, y: c, total: c },
      total: { x: c, y: c, total: 34 },
    })
  })

  it('applies the threshold given, counts from 1 up to it', () => {
    const table = square({ a: { x: 6, y: 7 }, b: { x: 7, y: 6 } })
    expect(published(release([table]), 6).square.a).toEqual({ x: c, y: c, total: 13 })
    expect(published(release([table]), 5).square.a).toEqual({ x: 6, y: 7, total: 13 })
  })

  it('suppresses in summary only what is small: it has no lines, so no secondary suppression', () => {
    const summary = buildTable(summaryDefinition(), {
      notifications: { count: 3 },
      deaths: { count: 40 },
      unexpected_deaths: { count: 0 },
      jar_started: { count: 5 },
      reviews_completed: { count: 37 },
      open_at_year_end: { count: 6 },
    })
    expect(published(release([summary])).summary).toEqual({
      notifications: { count: c },
      deaths: { count: 40 },
      unexpected_deaths: { count: 0 },
      jar_started: { count: c },
      reviews_completed: { count: 37 },
      open_at_year_end: { count: 6 },
    })
  })

  it('protects a single-column table through its total', () => {
    const duration = buildTable(reviewDurationDefinition(), {
      under_6_months: { count: 3 },
      '6_to_12_months': { count: 0 },
      over_12_months: { count: 30 },
    })
    expect(published(release([duration])).review_duration).toEqual({
      under_6_months: { count: c },
      '6_to_12_months': { count: 0 },
      over_12_months: { count: c },
      total: { count: 33 },
    })
  })
})

describe('shared figures', () => {
  it('links only the figures that are the same population, where the cells exist', () => {
    const defs = tableDefinitions({ deathYears: ['2015-16', '2016-17'], reviewYears: ['2016-17'] })
    const show = (groups: { tableId: string; row: string; col: string }[][]) =>
      groups.map(group => group.map(cell => `${cell.tableId}.${cell.row}.${cell.col}`))
    const modifiableTables = [
      'category_by_modifiable',
      'age_by_modifiable',
      'sex_by_modifiable',
      'ethnicity_by_modifiable',
      'expected_by_modifiable',
    ]
    const modifiable = (col: string, trend: boolean) => [
      ...modifiableTables.map(id => `${id}.total.${col}`),
      ...(trend ? [`trend_reviews_by_modifiable.2016-17.${col}`] : []),
    ]
    const expected = (trend: boolean) => [
      ['summary.reviews_completed.count', 'category_by_sex.total.total', 'review_duration.total.count'],
      ...['male', 'female', 'other'].map(col => [
        `deaths_by_age_and_sex.total.${col}`,
        ...(trend ? [`trend_deaths_by_sex.2016-17.${col}`] : []),
      ]),
      [
        'summary.deaths.count',
        'deaths_by_age_and_sex.total.total',
        ...(trend ? ['trend_deaths_by_sex.2016-17.total'] : []),
      ],
      ...['identified', 'not_identified', 'inadequate_information', 'total'].map(col => modifiable(col, trend)),
    ]
    expect(show(sharedFigureLinks(defs, '2016-17'))).toEqual(expected(true))

    // Pooled: the pooled totals are several years' rows added up, not any one trend row.
    const pooled = show(sharedFigureLinks(defs, '2015-16..2016-17'))
    expect(pooled).toEqual(expected(false).filter(group => group.length > 1))
    expect(pooled.flat().some(cell => cell.startsWith('trend_'))).toBe(false)

    // A trend table that stops before Y has no row to link.
    const older = sharedFigureLinks(defs, '2017-18').flat()
    expect(older.some(cell => cell.tableId.startsWith('trend_'))).toBe(false)

    // A figure is only linked to the tables actually in the release.
    expect(show(sharedFigureLinks([summaryDefinition(), reviewDurationDefinition()], '2016-17'))).toEqual([
      ['summary.reviews_completed.count', 'review_duration.total.count'],
    ])
  })

  it('suppresses a shared figure everywhere, then re-runs secondary suppression in the linked tables', () => {
    // trend: 2015-16 identified 3 (primary) → 2015-16 not_identified 15 (row); column identified
    // → 2016-17 identified 12, then its row → 2016-17 not_identified 20. Those two are year Y's row,
    // the same figures as category_by_modifiable's totals row, which must follow; its columns then
    // each hold one suppressed total, so cat_8 identified (first of the two 6s), and then its row.
    const byModifiable = buildTable(categoryByModifiableDefinition(), {
      cat_8: { identified: 6, not_identified: 10 },
      cat_9: { identified: 6, not_identified: 10 },
    })
    const trend = buildTable(trendReviewsByModifiableDefinition(['2015-16', '2016-17']), {
      '2015-16': { identified: 3, not_identified: 15 },
      '2016-17': { identified: 12, not_identified: 20 },
    })
    const out = published(release([byModifiable, trend]))
    expect(out.trend_reviews_by_modifiable).toEqual({
      '2015-16': { identified: c, not_identified: c, inadequate_information: 0, total: 18 },
      '2016-17': { identified: c, not_identified: c, inadequate_information: 0, total: 32 },
      total: { identified: 15, not_identified: 35, inadequate_information: 0, total: 50 },
    })
    expect(out.category_by_modifiable.cat_8).toEqual({
      identified: c,
      not_identified: c,
      inadequate_information: 0,
      total: 16,
    })
    expect(out.category_by_modifiable.cat_9).toEqual({
      identified: 6,
      not_identified: 10,
      inadequate_information: 0,
      total: 16,
    })
    expect(out.category_by_modifiable.total).toEqual({
      identified: c,
      not_identified: c,
      inadequate_information: 0,
      total: 32,
    })

    const reasons = suppressedCells([byModifiable, trend], '2016-17', 5)
      .filter(s => s.tableId === 'category_by_modifiable')
      .map(s => `${s.row}/${s.col} ${s.reason}`)
    expect(reasons).toEqual([
      'total/identified shared',
      'total/not_identified shared',
      'cat_8/identified secondary',
      'cat_8/not_identified secondary',
    ])
  })

  it('carries a figure suppressed in summary into the tables that share it', () => {
    const summary = buildTable(summaryDefinition(), { reviews_completed: { count: 4 } })
    const duration = buildTable(reviewDurationDefinition(), { under_6_months: { count: 4 } })
    const out = published(release([summary, duration]))
    expect(out.summary.reviews_completed).toEqual({ count: c })
    expect(out.review_duration).toEqual({
      under_6_months: { count: c },
      '6_to_12_months': { count: 0 },
      over_12_months: { count: 0 },
      total: { count: c },
    })
  })

  it('refuses a pooled release whose pooled totals are not the sum of the pooled years', () => {
    const byModifiable = buildTable(categoryByModifiableDefinition(), { cat_8: { identified: 12, not_identified: 20 } })
    const trend = buildTable(trendReviewsByModifiableDefinition(['2015-16', '2016-17']), {
      '2015-16': { identified: 3, not_identified: 15 },
      '2016-17': { identified: 12, not_identified: 20 },
    })
    expect(() => published(release([byModifiable, trend], '2015-16..2016-17'))).toThrow(
      /category_by_modifiable total\/identified is 12 but the pooled figures it adds up come to 15/,
    )
  })
})

describe('lines across tables in a pooled release', () => {
  it('adds a line for each pooled sum, and none for a single year', () => {
    const defs = tableDefinitions({ deathYears: ['2014-15', '2015-16', '2016-17'], reviewYears: ['2016-17'] })
    expect(pooledLines(defs, '2016-17')).toEqual([])
    const show = (lines: ReturnType<typeof pooledLines>) =>
      lines.map(
        l =>
          `${l.cells.map(cell => `${cell.tableId}.${cell.row}.${cell.col}`).join(' + ')} = ${l.total.tableId}.${l.total.row}.${l.total.col}`,
      )
    const lines = show(pooledLines(defs, '2015-16..2016-17'))
    expect(lines.slice(0, 2)).toEqual([
      'trend_deaths_by_sex.2015-16.female + trend_deaths_by_sex.2016-17.female = deaths_by_age_and_sex.total.female',
      'trend_deaths_by_sex.2014-15.female + deaths_by_age_and_sex.total.female = trend_deaths_by_sex.total.female',
    ])
    expect(lines.slice(8, 10)).toEqual([
      'trend_reviews_by_modifiable.2016-17.identified = category_by_modifiable.total.identified',
      'category_by_modifiable.total.identified = trend_reviews_by_modifiable.total.identified',
    ])
    expect(lines).toHaveLength(16)
  })

  it('stops a single year being worked out from the pooled total, or an earlier year from the trend total', () => {
    // Pooled 2015-16..2016-17: 25 males. The trend shows 10, 3 and 22 males in the three years.
    // 2015-16's 3 is suppressed, and within the trend its column takes 2014-15's 10 with it; but
    // 25 − 22 would give the 3 back, and 35 − 25 the 10, unless 2016-17's 22 and the pooled 25 go too.
    const pooled = buildTable(deathsByAgeAndSexDefinition(), { '0_27d': { male: 25, female: 30 } })
    const trend = buildTable(trendDeathsBySexDefinition(['2014-15', '2015-16', '2016-17']), {
      '2014-15': { male: 10, female: 10 },
      '2015-16': { male: 3, female: 12 },
      '2016-17': { male: 22, female: 18 },
    })
    const out = published(release([pooled, trend], '2015-16..2016-17'))
    expect(out.trend_deaths_by_sex).toEqual({
      '2014-15': { female: c, male: c, other: 0, total: 20 },
      '2015-16': { female: c, male: c, other: 0, total: 15 },
      '2016-17': { female: c, male: c, other: 0, total: 40 },
      total: { female: 40, male: 35, other: 0, total: 75 },
    })
    expect(out.deaths_by_age_and_sex['0_27d']).toEqual({ male: c, female: c, other: 0, total: 55 })
    expect(out.deaths_by_age_and_sex.total).toEqual({ male: c, female: c, other: 0, total: 55 })

    // The same tables as a single-year release of 2016-17 would be inconsistent; as 2014-15..2016-17
    // the pooled total is the trend's total, one figure: shown in both here.
    const whole = buildTable(deathsByAgeAndSexDefinition(), { '0_27d': { male: 35, female: 40 } })
    const all = published(release([whole, trend], '2014-15..2016-17'))
    expect(all.deaths_by_age_and_sex.total).toEqual({ male: 35, female: 40, other: 0, total: 75 })
  })
})

describe('suppressRelease', () => {
  const table = square({ a: { x: 3, y: 10 }, b: { x: 8, y: 12 } })

  it('returns exact counts, unchanged, in unsuppressed mode', () => {
    const input: Release<number> = { ...release([table]), mode: 'unsuppressed' }
    const out = suppressRelease(input, 5)
    expect(out).toEqual(input)
    expect(out.tables[0]).not.toBe(input.tables[0])
  })

  it('records the threshold applied and keeps the rest of the release', () => {
    const out = suppressRelease({ ...release([table]), suppressMax: 99 }, 3)
    expect(out).toMatchObject({
      financialYear: '2016-17',
      mode: 'published',
      suppressMax: 3,
      producedAt: '2017-05-02T09:30:00.000Z',
    })
    expect(out.tables[0]).toMatchObject({ id: 'square', title: 'Square', rows: table.rows, columns: table.columns })
  })

  it('does not modify its input', () => {
    const input = release([table])
    const before = JSON.stringify(input)
    suppressRelease(input, 5)
    expect(JSON.stringify(input)).toBe(before)
  })

  it('refuses a threshold below 1', () => {
    expect(() => suppressRelease(release([table]), 0)).toThrow(/at least 1/)
    expect(() => suppressRelease(release([table]), 2.5)).toThrow(/at least 1/)
  })

  it('refuses a table whose totals do not add up', () => {
    const broken = { ...table, values: { ...table.values, total: { ...table.values.total, total: 34 } } }
    expect(() => suppressRelease(release([broken]), 5)).toThrow(/total\/total is 34 but its cells add up to 33/)
    expect(() => suppressRelease({ ...release([broken]), mode: 'unsuppressed' }, 5)).toThrow(/add up/)
  })

  it('refuses a shared figure that differs between tables', () => {
    const summary = buildTable(summaryDefinition(), { reviews_completed: { count: 12 } })
    const duration = buildTable(reviewDurationDefinition(), { under_6_months: { count: 11 } })
    expect(() => suppressRelease(release([summary, duration]), 5)).toThrow(/Shared figure disagrees/)
  })

  it('refuses a missing cell and a table listed twice', () => {
    const missing = { ...table, values: { ...table.values, a: { x: 3, y: 10 } } }
    expect(() => suppressRelease(release([missing]), 5)).toThrow(/a\/total is not a count/)
    expect(() => suppressRelease(release([table, table]), 5)).toThrow(/twice/)
  })
})
