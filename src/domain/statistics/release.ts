/**
 * A statistics release: the tables of one financial year (or of pooled years) with their figures.
 * Totals are never taken from the data: `buildTable` adds them up from the data cells, so every
 * table is internally consistent by construction and the disclosure control can rely on it.
 */
import type { CodeItem } from '../codes'
import { TOTAL } from './tables'

/** A figure as published: an exact count, or the suppression marker (statistics.md §3). */
export type CellValue = number | '[c]'

export type ReleaseMode = 'published' | 'unsuppressed'

export interface StatsTable<V extends CellValue = CellValue> {
  id: string
  title: string
  rows: CodeItem[]
  columns: CodeItem[]
  /** values[row][column] for every row and column listed, totals included. */
  values: Record<string, Record<string, V>>
}

export interface Release<V extends CellValue = CellValue> {
  /** `2016-17`, or `2014-15..2016-17` for pooled years. */
  financialYear: string
  /** Set on a release of one local authority (its name as listed): its figures count only its residents. */
  localAuthority?: string
  mode: ReleaseMode
  /** Largest count suppressed by primary suppression (the configured SUPPRESS_MAX). */
  suppressMax: number
  /** When the release was produced, ISO 8601. */
  producedAt: string
  tables: StatsTable<V>[]
}

/** What `buildTable` needs of a table definition; any `TableDefinition` will do. */
export interface TableShape {
  id: string
  title: string
  rows: readonly CodeItem[]
  columns: readonly CodeItem[]
}

/** Counts of the data (non-total) cells, counts[row][column]; a missing cell is 0. */
export type DataCounts = Readonly<Partial<Record<string, Readonly<Partial<Record<string, number>>>>>>

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/**
 * The table with every total computed from the data cells: each row's total, each column's total
 * and the grand total. A table without a total row or column (summary; review_duration's single
 * column) simply gets none. Unknown or total cells in `counts` are refused: a typo would otherwise
 * publish a silent zero, and a supplied total could disagree with its cells.
 */
export function buildTable(def: TableShape, counts: DataCounts): StatsTable<number> {
  const dataRows = def.rows.map(r => r.code).filter(code => code !== TOTAL)
  const dataColumns = def.columns.map(c => c.code).filter(code => code !== TOTAL)
  const hasTotalRow = dataRows.length < def.rows.length
  const hasTotalColumn = dataColumns.length < def.columns.length

  Object.entries(counts).forEach(([row, byColumn]) => {
    if (!dataRows.includes(row)) throw new RangeError(`${def.id}: no data row ${row}`)
    Object.entries(byColumn ?? {}).forEach(([column, value]) => {
      if (!dataColumns.includes(column)) throw new RangeError(`${def.id}: no data column ${column}`)
      if (!isCount(value)) throw new RangeError(`${def.id}: ${row}/${column} is not a count: ${String(value)}`)
    })
  })

  const values: Record<string, Record<string, number>> = {}
  dataRows.forEach(row => {
    values[row] = {}
    dataColumns.forEach(column => {
      values[row][column] = counts[row]?.[column] ?? 0
    })
    if (hasTotalColumn) values[row][TOTAL] = dataColumns.reduce((sum, column) => sum + values[row][column], 0)
  })
  if (hasTotalRow) {
    values[TOTAL] = {}
    const totalColumns = hasTotalColumn ? [...dataColumns, TOTAL] : dataColumns
    totalColumns.forEach(column => {
      values[TOTAL][column] = dataRows.reduce((sum, row) => sum + values[row][column], 0)
    })
  }

  return {
    id: def.id,
    title: def.title,
    rows: def.rows.map(({ code, label }) => ({ code, label })),
    columns: def.columns.map(({ code, label }) => ({ code, label })),
    values,
  }
}
