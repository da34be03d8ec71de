/**
 * Every figure of a release as a linear equation over atomic counts (reference/disclosure-across-
 * releases.md). An atomic count is one data cell of one table for one financial year: a table's
 * totals and a pooled release's cells are sums of them. The trend tables' cells are atoms of their
 * own (a year's deaths by sex, a year's reviews by modifiable factors), tied to the other tables by
 * the identities every release obeys:
 *
 * - a year's `deaths_by_age_and_sex` column sums are that year's trend deaths by sex;
 * - a year's `*_by_modifiable` column sums are that year's trend reviews by outcome;
 * - a year's `category_by_sex` cells add up to its `review_duration` cells (all reviews of the year);
 * - `summary.deaths` and `summary.reviews_completed` are those sums, not atoms of their own;
 * - `summary.open_at_year_end` is a snapshot at the end of the last year, not a sum over years.
 *
 * The identities go into the system as equations with the value 0: anyone can know them.
 * Pure: works on table layouts (ids, row and column codes), never on data.
 */
import { COUNT, MODIFIABLE_TABLE_IDS, TOTAL, tableDefinitions } from './tables'
import { yearsOf } from './years'

export interface Layout {
  id: string
  rows: readonly { code: string }[]
  columns: readonly { code: string }[]
}

export const TREND_TABLE_IDS = ['trend_deaths_by_sex', 'trend_reviews_by_modifiable'] as const

const isTrend = (tableId: string) => (TREND_TABLE_IDS as readonly string[]).includes(tableId)

const STATIC_LAYOUTS: Map<string, Layout> = new Map(
  tableDefinitions({ deathYears: [], reviewYears: [] }).map(def => [def.id, def]),
)

const dataCodes = (items: readonly { code: string }[]) => items.map(i => i.code).filter(code => code !== TOTAL)

/** Numbers every atom the first time it is seen, so vectors are maps from small integers. */
export class AtomIndex {
  private readonly indexes = new Map<string, number>()
  readonly names: string[] = []

  of(name: string): number {
    let index = this.indexes.get(name)
    if (index === undefined) {
      index = this.names.length
      this.indexes.set(name, index)
      this.names.push(name)
    }
    return index
  }
}

/** The atoms one year contributes to a cell of a table that is not a trend (its totals included). */
export function yearAtoms(tableId: string, row: string, col: string, year: string): string[] {
  if (tableId === 'summary') {
    if (row === 'deaths')
      return dataCodes(trendColumns('trend_deaths_by_sex')).map(c => trendAtom('trend_deaths_by_sex', c, year))
    if (row === 'reviews_completed') return yearAtoms('review_duration', TOTAL, COUNT, year)
    return [`summary|${row}|${year}`]
  }
  const layout = STATIC_LAYOUTS.get(tableId)
  if (!layout || isTrend(tableId)) throw new RangeError(`No atoms for table ${tableId}`)
  const rows = row === TOTAL ? dataCodes(layout.rows) : [row]
  const columns = col === TOTAL ? dataCodes(layout.columns) : [col]
  return rows.flatMap(r => columns.map(c => `${tableId}|${r}|${c}|${year}`))
}

function trendColumns(tableId: string): readonly { code: string }[] {
  const columns =
    tableId === 'trend_deaths_by_sex'
      ? ['female', 'male', 'other']
      : ['identified', 'not_identified', 'inadequate_information']
  return columns.map(code => ({ code }))
}

const trendAtom = (tableId: string, col: string, year: string) => `${tableId}|${col}|${year}`

/** The atoms of one year's row of a trend table, in one column (the total column adds them all). */
export function trendAtoms(tableId: string, col: string, year: string): string[] {
  const columns = col === TOTAL ? dataCodes(trendColumns(tableId)) : [col]
  return columns.map(c => trendAtom(tableId, c, year))
}

/** The atoms a figure of a release adds up (each once): a cell of a table of the release for its period. */
export function figureAtoms(financialYear: string, table: Layout, row: string, col: string): string[] {
  const years = yearsOf(financialYear)
  if (isTrend(table.id)) {
    const rowYears = row === TOTAL ? dataCodes(table.rows) : [row]
    return rowYears.flatMap(year => trendAtoms(table.id, col, year))
  }
  if (table.id === 'summary' && row === 'open_at_year_end') return [`summary|open_at_year_end|${years.at(-1)}`]
  return years.flatMap(year => yearAtoms(table.id, row, col, year))
}

/** A form: one figure of a single-year release, which summed over a span of years gives a span's count. */
export interface Form {
  tableId: string
  row: string
  col: string
}

/** Every form of the contract's tables (trend tables as one year's row, row code `year`). */
export function allForms(): Form[] {
  const forms: Form[] = []
  STATIC_LAYOUTS.forEach(layout => {
    if (isTrend(layout.id)) {
      ;[...dataCodes(trendColumns(layout.id)), TOTAL].forEach(col =>
        forms.push({ tableId: layout.id, row: 'year', col }),
      )
      return
    }
    layout.rows.forEach(r =>
      layout.columns.forEach(c => {
        // A snapshot, not a count over years: it has no spans.
        if (layout.id === 'summary' && r.code === 'open_at_year_end') return
        forms.push({ tableId: layout.id, row: r.code, col: c.code })
      }),
    )
  })
  return forms
}

/** The atoms of a form over a span of years. */
export function spanAtoms(form: Form, years: readonly string[]): string[] {
  return years.flatMap(year =>
    isTrend(form.tableId)
      ? trendAtoms(form.tableId, form.col, year)
      : yearAtoms(form.tableId, form.row, form.col, year),
  )
}

/** The identities of one year, each as atoms with +1 and atoms with −1, summing to 0. */
export function yearIdentities(year: string): { plus: string[]; minus: string[] }[] {
  const identities: { plus: string[]; minus: string[] }[] = []
  ;['female', 'male', 'other'].forEach(sex =>
    identities.push({
      plus: yearAtoms('deaths_by_age_and_sex', TOTAL, sex, year),
      minus: trendAtoms('trend_deaths_by_sex', sex, year),
    }),
  )
  MODIFIABLE_TABLE_IDS.forEach(tableId =>
    ['identified', 'not_identified', 'inadequate_information'].forEach(outcome =>
      identities.push({
        plus: yearAtoms(tableId, TOTAL, outcome, year),
        minus: trendAtoms('trend_reviews_by_modifiable', outcome, year),
      }),
    ),
  )
  identities.push({
    plus: yearAtoms('category_by_sex', TOTAL, TOTAL, year),
    minus: yearAtoms('review_duration', TOTAL, COUNT, year),
  })
  return identities
}

/** Atoms as a vector of whole-number coefficients. */
export function vectorOf(
  index: AtomIndex,
  plus: readonly string[],
  minus: readonly string[] = [],
): Map<number, number> {
  const vector = new Map<number, number>()
  plus.forEach(name => vector.set(index.of(name), (vector.get(index.of(name)) ?? 0) + 1))
  minus.forEach(name => vector.set(index.of(name), (vector.get(index.of(name)) ?? 0) - 1))
  return vector
}

/** A canonical text of a vector of atoms (+1 each), so equal figures of different releases compare equal. */
export function vectorKey(index: AtomIndex, atoms: readonly string[]): string {
  return atoms
    .map(name => index.of(name))
    .sort((a, b) => a - b)
    .join(',')
}
