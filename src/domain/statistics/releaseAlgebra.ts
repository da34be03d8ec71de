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
 *
 * Local authorities (issue 12). Once any release names a local authority (a row of the authority
 * tables, or a release of one authority), every atom is also one group of residents: each such
 * authority, and `~rest` for everyone else. A figure of the whole panel's release adds up its
 * atoms over every group; a figure of one authority's release only that authority's; a row of the
 * authority tables its authority's trend atoms (`other`: the groups that release did not list).
 * So the panel's release less an authority's is an equation like any other, and the check across
 * releases sees it. With no authority named anywhere there is one group and the atoms are as before.
 * `review_timeliness`: its `cases` are counts (the first two rows every review of the year, the
 * agencies' rows atoms of their own); its medians are not linear and have no atoms.
 */
import {
  COUNT,
  MEDIAN_CASES,
  MEDIAN_DAYS,
  MODIFIABLE_TABLE_IDS,
  OTHER_AUTHORITY_ROW,
  TOTAL,
  reviewTimelinessDefinition,
  tableDefinitions,
} from './tables'
import { yearsOf } from './years'

export interface Layout {
  id: string
  rows: readonly { code: string }[]
  columns: readonly { code: string }[]
}

export const TREND_TABLE_IDS = ['trend_deaths_by_sex', 'trend_reviews_by_modifiable'] as const

const isTrend = (tableId: string) => (TREND_TABLE_IDS as readonly string[]).includes(tableId)

const STATIC_LAYOUTS: Map<string, Layout> = new Map(
  [...tableDefinitions({ deathYears: [], reviewYears: [] }), reviewTimelinessDefinition()].map(def => [def.id, def]),
)

export const AUTHORITY_TABLE_IDS = ['deaths_by_local_authority_and_sex', 'reviews_by_local_authority_and_modifiable']
const isAuthorityTable = (tableId: string) => AUTHORITY_TABLE_IDS.includes(tableId)

/** The group of residents of every authority no release names. */
export const REST_GROUP = '~rest'

/**
 * The groups of residents a gate run counts in: `['']` (one group, plain atoms) when no authority
 * is named, else every authority named and REST_GROUP. `scope`: the groups a release covers.
 */
export interface Groups {
  universe: readonly string[]
  scope: readonly string[]
}
export const UNGROUPED: Groups = { universe: [''], scope: [''] }

const suffix = (group: string) => (group ? `@${group}` : '')

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
export function yearAtoms(tableId: string, row: string, col: string, year: string, group = ''): string[] {
  if (tableId === 'summary') {
    if (row === 'deaths')
      return dataCodes(trendColumns('trend_deaths_by_sex')).map(c => trendAtom('trend_deaths_by_sex', c, year, group))
    if (row === 'reviews_completed') return yearAtoms('review_duration', TOTAL, COUNT, year, group)
    return [`summary|${row}|${year}${suffix(group)}`]
  }
  if (tableId === 'review_timeliness') {
    if (col === MEDIAN_DAYS) throw new RangeError('A median has no atoms: it is not a sum of counts')
    if (row === 'death_to_review' || row === 'notification_to_review')
      return yearAtoms('review_duration', TOTAL, COUNT, year, group)
    return [`review_timeliness|${row}|${MEDIAN_CASES}|${year}${suffix(group)}`]
  }
  const layout = STATIC_LAYOUTS.get(tableId)
  if (!layout || isTrend(tableId)) throw new RangeError(`No atoms for table ${tableId}`)
  const rows = row === TOTAL ? dataCodes(layout.rows) : [row]
  const columns = col === TOTAL ? dataCodes(layout.columns) : [col]
  return rows.flatMap(r => columns.map(c => `${tableId}|${r}|${c}|${year}${suffix(group)}`))
}

function trendColumns(tableId: string): readonly { code: string }[] {
  const columns =
    tableId === 'trend_deaths_by_sex'
      ? ['female', 'male', 'other']
      : ['identified', 'not_identified', 'inadequate_information']
  return columns.map(code => ({ code }))
}

const trendAtom = (tableId: string, col: string, year: string, group = '') =>
  `${tableId}|${col}|${year}${suffix(group)}`

/** The atoms of one year's row of a trend table, in one column (the total column adds them all). */
export function trendAtoms(tableId: string, col: string, year: string, group = ''): string[] {
  const columns = col === TOTAL ? dataCodes(trendColumns(tableId)) : [col]
  return columns.map(c => trendAtom(tableId, c, year, group))
}

/** The authorities a release's authority table lists (its rows but `other` and `total`). */
export const listedAuthorities = (table: Layout): string[] =>
  table.rows.map(r => r.code).filter(code => code !== TOTAL && code !== OTHER_AUTHORITY_ROW)

/** The groups of residents a row of an authority table counts, in a release covering `scope`. */
function authorityRowGroups(table: Layout, row: string, groups: Groups): string[] {
  const listed = listedAuthorities(table)
  if (row === TOTAL) return [...groups.scope]
  if (row === OTHER_AUTHORITY_ROW) return groups.scope.filter(g => !listed.includes(g))
  return groups.scope.includes(row) ? [row] : []
}

/** The atoms a figure of a release adds up (each once): a cell of a table of the release for its period. */
export function figureAtoms(
  financialYear: string,
  table: Layout,
  row: string,
  col: string,
  groups: Groups = UNGROUPED,
): string[] {
  const years = yearsOf(financialYear)
  if (isAuthorityTable(table.id)) {
    const trendId =
      table.id === 'deaths_by_local_authority_and_sex' ? 'trend_deaths_by_sex' : 'trend_reviews_by_modifiable'
    return authorityRowGroups(table, row, groups).flatMap(group =>
      years.flatMap(year => trendAtoms(trendId, col, year, group)),
    )
  }
  return groups.scope.flatMap(group => {
    if (isTrend(table.id)) {
      const rowYears = row === TOTAL ? dataCodes(table.rows) : [row]
      return rowYears.flatMap(year => trendAtoms(table.id, col, year, group))
    }
    if (table.id === 'summary' && row === 'open_at_year_end')
      return [`summary|open_at_year_end|${years.at(-1)}${suffix(group)}`]
    return years.flatMap(year => yearAtoms(table.id, row, col, year, group))
  })
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
        // A median is no count; the first two timeliness rows count every review, as review_duration's total does.
        if (layout.id === 'review_timeliness' && (c.code === MEDIAN_DAYS || !r.code.startsWith('request_to_report_')))
          return
        forms.push({ tableId: layout.id, row: r.code, col: c.code })
      }),
    )
  })
  return forms
}

/** The atoms of a form over a span of years, in the groups given (one group: plain atoms). */
export function spanAtoms(form: Form, years: readonly string[], groups: readonly string[] = ['']): string[] {
  return groups.flatMap(group =>
    years.flatMap(year =>
      isTrend(form.tableId)
        ? trendAtoms(form.tableId, form.col, year, group)
        : yearAtoms(form.tableId, form.row, form.col, year, group),
    ),
  )
}

/** The identities of one year (in one group of residents), each as atoms with +1 and atoms with −1, summing to 0. */
export function yearIdentities(year: string, group = ''): { plus: string[]; minus: string[] }[] {
  const identities: { plus: string[]; minus: string[] }[] = []
  ;['female', 'male', 'other'].forEach(sex =>
    identities.push({
      plus: yearAtoms('deaths_by_age_and_sex', TOTAL, sex, year, group),
      minus: trendAtoms('trend_deaths_by_sex', sex, year, group),
    }),
  )
  MODIFIABLE_TABLE_IDS.forEach(tableId =>
    ['identified', 'not_identified', 'inadequate_information'].forEach(outcome =>
      identities.push({
        plus: yearAtoms(tableId, TOTAL, outcome, year, group),
        minus: trendAtoms('trend_reviews_by_modifiable', outcome, year, group),
      }),
    ),
  )
  identities.push({
    plus: yearAtoms('category_by_sex', TOTAL, TOTAL, year, group),
    minus: yearAtoms('review_duration', TOTAL, COUNT, year, group),
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
