/**
 * Disclosure control of a release, exactly as statistics.md §3 rules 1–3 set it out: primary
 * suppression of small counts, secondary suppression so no suppressed cell can be worked out from
 * its line's total, and shared figures suppressed in every table or in none (with, in a pooled
 * release, lines across tables for the same reason: see pooledLines). The rules interact
 * (a shared figure suppressed in one table can force secondary suppression in another), so they
 * are applied over the whole release, repeatedly, until nothing changes.
 */
import {
  COUNT,
  MEDIAN_CASES,
  MEDIAN_DAYS,
  MIN_MEDIAN_CASES,
  MODIFIABLE_TABLE_IDS,
  TOTAL,
  inContractOrder,
} from './tables'
import { buildTable, type CellValue, type Release, type StatsTable } from './release'
import { yearsOf } from './years'

/** What a suppressed figure shows instead of its count. */
export const SUPPRESSION_MARKER: Extract<CellValue, string> = '[c]'

export interface CellRef {
  tableId: string
  row: string
  col: string
}

/**
 * A row or a column that has a total cell (rule 2): its other cells, in row or column order, and
 * that total. If exactly one of them were suppressed it could be worked out from the rest.
 */
export interface Line {
  cells: CellRef[]
  total: CellRef
}

/** `releases`: suppressed so that, with the releases already published, no hidden figure can be worked out. */
/** `median`: a median over fewer than MIN_MEDIAN_CASES cases (review_timeliness). */
export type SuppressionReason = 'primary' | 'secondary' | 'shared' | 'releases' | 'median'

/**
 * A median of review_timeliness: days, not a count of children, so not suppressed as a small
 * count, not part of any line or shared figure, and not an equation of the check across releases.
 * It is shown only over at least MIN_MEDIAN_CASES cases.
 */
export const isMedianCell = (cell: { tableId: string; col: string }): boolean =>
  cell.tableId === 'review_timeliness' && cell.col === MEDIAN_DAYS

export interface SuppressedCell extends CellRef {
  reason: SuppressionReason
}

type TableLayout = Pick<StatsTable, 'id' | 'rows' | 'columns'>

/** Every line of a table: its rows first, then its columns, each in listed order. */
export function tableLines(table: TableLayout): Line[] {
  const ref = (row: string, col: string): CellRef => ({ tableId: table.id, row, col })
  const rows = table.rows.map(r => r.code)
  const columns = table.columns.map(c => c.code)
  const dataRows = rows.filter(code => code !== TOTAL)
  const dataColumns = columns.filter(code => code !== TOTAL)
  const rowLines = columns.includes(TOTAL)
    ? rows.map(row => ({ cells: dataColumns.map(col => ref(row, col)), total: ref(row, TOTAL) }))
    : []
  const columnLines = rows.includes(TOTAL)
    ? columns.map(col => ({ cells: dataRows.map(row => ref(row, col)), total: ref(TOTAL, col) }))
    : []
  return [...rowLines, ...columnLines]
}

/**
 * Groups of cells that are one and the same figure shown in several tables (rule 3). Only genuine
 * identities belong here, i.e. the same population counted the same way; a cell is linked only
 * where its table, row and column exist in this release. Tables in a pooled release count the
 * union of its years, which no single row of a trend table (one year each) equals, so the links to
 * trend rows are made for a single-year release only.
 *
 * Deliberately not linked, because the populations differ: `category_by_sex`'s sex totals (all
 * reviews) and `sex_by_modifiable` (only reviews with modifiable factors); `category_by_sex`'s
 * category totals and `category_by_modifiable`'s or `category_by_preventability`'s (a review may
 * carry either or both codes); `deaths_by_age_and_sex` (deaths in Y) and any table of reviews
 * (reviews in Y, of deaths in any year); `summary.unexpected_deaths` (deaths) and
 * `expected_by_modifiable` (reviews).
 */
export function sharedFigureLinks(tables: readonly TableLayout[], financialYear: string): CellRef[][] {
  const years = yearsOf(financialYear)
  const year = years[years.length - 1]
  // `2016-17..2016-17` is pooled in form only: its population is year Y's, so its trend row is the same figure.
  const singleYear = years.length === 1
  const ref = (tableId: string, row: string, col: string): CellRef => ({ tableId, row, col })
  const trend = (ref_: CellRef): CellRef[] => (singleYear ? [ref_] : [])

  const figures: CellRef[][] = [
    // Reviews completed in Y: the summary row, and the grand totals of the two tables whose population
    // is every review in Y (each review has exactly one category and sex group, and one duration).
    [
      ref('summary', 'reviews_completed', COUNT),
      ref('category_by_sex', TOTAL, TOTAL),
      ref('review_duration', TOTAL, COUNT),
      // Every review has a date of death and of notification, so both timeliness rows count them all.
      ref('review_timeliness', 'death_to_review', MEDIAN_CASES),
      ref('review_timeliness', 'notification_to_review', MEDIAN_CASES),
    ],
    // Deaths in Y by sex group (male, female, other, all): deaths_by_age_and_sex's totals row is year
    // Y's row of the trend; the total of all deaths is also the summary's deaths row.
    ...['male', 'female', 'other'].map(col => [
      ref('deaths_by_age_and_sex', TOTAL, col),
      ref('deaths_by_local_authority_and_sex', TOTAL, col),
      ...trend(ref('trend_deaths_by_sex', year, col)),
    ]),
    [
      ref('summary', 'deaths', COUNT),
      ref('deaths_by_age_and_sex', TOTAL, TOTAL),
      ref('deaths_by_local_authority_and_sex', TOTAL, TOTAL),
      ...trend(ref('trend_deaths_by_sex', year, TOTAL)),
    ],
    // Reviews in Y with modifiable factors, by outcome and in all: every *_by_modifiable table covers
    // that one population, so their totals rows agree, and they are year Y's row of the trend.
    ...['identified', 'not_identified', 'inadequate_information', TOTAL].map(col => [
      ...MODIFIABLE_TABLE_IDS.map(tableId => ref(tableId, TOTAL, col)),
      ref('reviews_by_local_authority_and_modifiable', TOTAL, col),
      ...trend(ref('trend_reviews_by_modifiable', year, col)),
    ]),
  ]

  const byId = new Map(tables.map(t => [t.id, t]))
  const exists = (cell: CellRef) => {
    const table = byId.get(cell.tableId)
    return !!table && table.rows.some(r => r.code === cell.row) && table.columns.some(c => c.code === cell.col)
  }
  return figures.map(cells => cells.filter(exists)).filter(cells => cells.length > 1)
}

/**
 * Lines that cross tables, made in a pooled release only. There a totals cell of
 * `deaths_by_age_and_sex` or of the `*_by_modifiable` tables is no single trend row (so not a
 * shared figure) but adds up the pooled years' rows of the trend table; and the trend's total adds
 * up that pooled total and the trend's earlier years. Were exactly one cell of either sum
 * suppressed, it could be worked out from the others, one table undoing another's suppression,
 * which rule 3 exists to prevent. So each column of each sum is one more line under rule 2:
 *
 * - the pooled years' cells of the trend, with the pooled total as their total;
 * - the trend's years before the pooled ones and the pooled total, with the trend's total as theirs
 *   (with no earlier years the pooled total and the trend's total are the same figure, and this
 *   line of one cell keeps them suppressed together).
 *
 * Trend rows missing for some pooled years are years before the first death or review: zeros,
 * which change nothing.
 */
export function pooledLines(tables: readonly TableLayout[], financialYear: string): Line[] {
  const years = yearsOf(financialYear)
  if (years.length === 1) return []
  const byId = new Map(tables.map(t => [t.id, t]))
  const has = (table: TableLayout, row: string, col: string) =>
    table.rows.some(r => r.code === row) && table.columns.some(c => c.code === col)
  const sums = [
    { trendId: 'trend_deaths_by_sex', totalIds: ['deaths_by_age_and_sex'] },
    // The five tables' totals rows are one shared figure, so one of them stands for all.
    { trendId: 'trend_reviews_by_modifiable', totalIds: [...MODIFIABLE_TABLE_IDS] },
  ]
  return sums.flatMap(({ trendId, totalIds }) => {
    const trend = byId.get(trendId)
    const totals = totalIds.map(id => byId.get(id)).find(table => table !== undefined)
    if (!trend || !totals) return []
    const earlier = trend.rows.map(r => r.code).filter(row => row !== TOTAL && !years.includes(row))
    return trend.columns
      .map(c => c.code)
      .filter(col => has(totals, TOTAL, col))
      .flatMap(col => {
        const trendCell = (row: string): CellRef => ({ tableId: trend.id, row, col })
        const pooledTotal: CellRef = { tableId: totals.id, row: TOTAL, col }
        const pooled = { cells: years.filter(year => has(trend, year, col)).map(trendCell), total: pooledTotal }
        const allYears = { cells: [...earlier.map(trendCell), pooledTotal], total: trendCell(TOTAL) }
        return has(trend, TOTAL, col) ? [pooled, allYears] : [pooled]
      })
  })
}

const keyOf = (cell: CellRef) => `${cell.tableId}\u0000${cell.row}\u0000${cell.col}`

/**
 * Refuses a release the rules cannot be sound for: a total that is not the sum of its cells, a
 * shared figure with different counts in different tables, or a line across tables that does not
 * add up. Any of them would let a suppressed count be worked out (or show that the tables were not
 * built from the same data), so it is an error to fix upstream, not something to publish.
 */
function assertConsistent(tables: readonly StatsTable<number>[], links: CellRef[][], crossLines: Line[]): void {
  const ids = new Set<string>()
  tables.forEach(table => {
    if (ids.has(table.id)) throw new Error(`Release has table ${table.id} twice`)
    ids.add(table.id)
    table.rows.forEach(({ code: row }) =>
      table.columns.forEach(({ code: col }) => {
        const value: unknown = table.values[row]?.[col]
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
          throw new Error(`${table.id}: ${row}/${col} is not a count: ${String(value)}`)
        }
      }),
    )
    const dataCounts = Object.fromEntries(
      table.rows
        .filter(r => r.code !== TOTAL)
        .map(r => [
          r.code,
          Object.fromEntries(
            table.columns.filter(c => c.code !== TOTAL).map(c => [c.code, table.values[r.code][c.code]]),
          ),
        ]),
    )
    const rebuilt = buildTable(table, dataCounts)
    table.rows.forEach(({ code: row }) =>
      table.columns.forEach(({ code: col }) => {
        if (rebuilt.values[row][col] !== table.values[row][col]) {
          throw new Error(
            `${table.id}: ${row}/${col} is ${table.values[row][col]} but its cells add up to ${rebuilt.values[row][col]}`,
          )
        }
      }),
    )
  })
  const byId = new Map(tables.map(t => [t.id, t]))
  const valueOf = (cell: CellRef) => byId.get(cell.tableId)?.values[cell.row][cell.col]
  links.forEach(group => {
    if (new Set(group.map(valueOf)).size > 1) {
      const shown = group.map(cell => `${cell.tableId} ${cell.row}/${cell.col} = ${valueOf(cell)}`).join(', ')
      throw new Error(`Shared figure disagrees between tables: ${shown}`)
    }
  })
  crossLines.forEach(({ cells, total }) => {
    const sum = cells.reduce((n, cell) => n + (valueOf(cell) ?? 0), 0)
    if (sum !== valueOf(total)) {
      throw new Error(
        `${total.tableId} ${total.row}/${total.col} is ${valueOf(total)} but the pooled figures it adds up come to ${sum}`,
      )
    }
  })
}

/**
 * Every cell that published mode suppresses, with the rule that first suppressed it, in the order
 * suppressed. Deterministic, whatever order the tables come in: tables in contract order, lines
 * rows-first in listed order, and ties between equal smallest cells go to the first in the line.
 */
export function suppressedCells(
  tables: readonly StatsTable<number>[],
  financialYear: string,
  suppressMax: number,
  /** Cells to suppress as well, before rules 2 and 3 run (the check across releases asks for them). */
  forced: readonly CellRef[] = [],
): SuppressedCell[] {
  if (!Number.isSafeInteger(suppressMax) || suppressMax < 1) {
    // A published release without primary suppression would show every small count.
    throw new RangeError(`The suppression threshold must be a whole number of at least 1, not ${suppressMax}`)
  }
  const ordered = inContractOrder(tables)
  const links = sharedFigureLinks(ordered, financialYear)
  const crossLines = pooledLines(ordered, financialYear)
  assertConsistent(ordered, links, crossLines)

  const byId = new Map(ordered.map(t => [t.id, t]))
  const valueOf = (cell: CellRef) => byId.get(cell.tableId)?.values[cell.row][cell.col] ?? 0
  const suppressed = new Map<string, SuppressedCell>()
  const isSuppressed = (cell: CellRef) => suppressed.has(keyOf(cell))
  const suppress = (cell: CellRef, reason: SuppressionReason) => suppressed.set(keyOf(cell), { ...cell, reason })

  // Rule 1: every count from 1 to the threshold; zero is shown, since an empty cell identifies no one.
  // A median is no count: it is hidden when it rests on fewer than MIN_MEDIAN_CASES cases.
  ordered.forEach(table =>
    table.rows.forEach(({ code: row }) =>
      table.columns.forEach(({ code: col }) => {
        const value = table.values[row][col]
        if (isMedianCell({ tableId: table.id, col })) {
          if ((table.values[row][MEDIAN_CASES] ?? 0) < MIN_MEDIAN_CASES)
            suppress({ tableId: table.id, row, col }, 'median')
        } else if (value >= 1 && value <= suppressMax) suppress({ tableId: table.id, row, col }, 'primary')
      }),
    ),
  )
  forced.forEach(cell => {
    if (byId.get(cell.tableId)?.values[cell.row]?.[cell.col] === undefined) {
      throw new RangeError(`No cell ${cell.tableId} ${cell.row}/${cell.col} to suppress`)
    }
    if (!isSuppressed(cell)) suppress({ tableId: cell.tableId, row: cell.row, col: cell.col }, 'releases')
  })

  // Rule 2 on one group of lines (a table's, or those across tables) until none holds exactly one
  // suppressed cell; true if it suppressed any.
  const secondary = (lines: Line[]): boolean => {
    let changed = false
    for (;;) {
      const line = lines.find(l => [...l.cells, l.total].filter(isSuppressed).length === 1)
      if (!line) return changed
      // The smallest non-zero shown cell costs the least information; zeros are never suppressed, and
      // the total is hidden only when no data cell can be (it would hide the line's overall size).
      const shown = line.cells.filter(cell => !isSuppressed(cell) && valueOf(cell) > 0)
      const smallest = shown.reduce<CellRef | undefined>(
        (best, cell) => (best === undefined || valueOf(cell) < valueOf(best) ? cell : best),
        undefined,
      )
      // Zeros only when a cell the check across releases forced is the one (it may be a zero).
      const pick =
        smallest ??
        (!isSuppressed(line.total) && valueOf(line.total) > 0 ? line.total : undefined) ??
        line.cells.find(cell => !isSuppressed(cell)) ??
        (!isSuppressed(line.total) ? line.total : undefined)
      // Unreachable for consistent totals: a suppressed count is at least 1, so something else in its line is too.
      if (!pick) throw new Error(`No cell left to suppress in a line of ${line.total.tableId}`)
      suppress(pick, 'secondary')
      changed = true
    }
  }

  // Each table's own lines, then (pooled releases only) the lines that cross tables.
  const lineGroups = [...ordered.map(tableLines), crossLines]
  let changed = true
  while (changed) {
    changed = false
    lineGroups.forEach(lines => {
      if (secondary(lines)) changed = true
    })
    // Rule 3: a figure hidden anywhere is hidden everywhere it appears.
    links.forEach(group => {
      if (group.some(isSuppressed)) {
        group
          .filter(cell => !isSuppressed(cell))
          .forEach(cell => {
            suppress(cell, 'shared')
            changed = true
          })
      }
    })
  }
  return [...suppressed.values()]
}

function copyTable<V extends CellValue>(
  table: StatsTable<number>,
  value: (row: string, col: string) => V,
): StatsTable<V> {
  return {
    id: table.id,
    title: table.title,
    rows: table.rows.map(({ code, label }) => ({ code, label })),
    columns: table.columns.map(({ code, label }) => ({ code, label })),
    values: Object.fromEntries(
      table.rows.map(({ code: row }) => [
        row,
        Object.fromEntries(table.columns.map(({ code: col }) => [col, value(row, col)])),
      ]),
    ),
  }
}

/**
 * The release as its mode publishes it: in published mode every suppressed figure becomes
 * `[c]`; in unsuppressed mode the exact counts, unchanged. Both check the release is consistent
 * first, and both record the threshold given. The input is never modified.
 */
export function suppressRelease(
  release: Release<number>,
  suppressMax: number,
  forced: readonly CellRef[] = [],
): Release<CellValue> {
  let hidden = new Set<string>()
  if (release.mode === 'published') {
    hidden = new Set(suppressedCells(release.tables, release.financialYear, suppressMax, forced).map(keyOf))
  } else {
    const { tables, financialYear } = release
    assertConsistent(tables, sharedFigureLinks(tables, financialYear), pooledLines(tables, financialYear))
  }
  return {
    financialYear: release.financialYear,
    ...(release.localAuthority !== undefined ? { localAuthority: release.localAuthority } : {}),
    mode: release.mode,
    suppressMax,
    producedAt: release.producedAt,
    tables: release.tables.map(table =>
      copyTable<CellValue>(table, (row, col) =>
        hidden.has(keyOf({ tableId: table.id, row, col })) ? SUPPRESSION_MARKER : table.values[row][col],
      ),
    ),
  }
}
