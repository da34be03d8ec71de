/**
 * What the report page shows of a release: each table in the GOV.UK table component's shape, with
 * the share with modifiable factors beside each row where the table has those columns (withheld
 * under rule 4 with a marker explained on the page), the table's chart, and the headline share
 * against the national figure.
 */
import { MODIFIABLE_TABLE_IDS } from '../domain/statistics/tables'
import { modifiableShareOfRow, type Percentage, type WithheldReason } from '../domain/statistics/percentages'
import type { CellValue, Release, StatsTable } from '../domain/statistics/release'
import type { Chart } from '../services/statistics/charts'
import type { NationalComparator } from '../services/statistics/nationalComparators'

/** Markers for a percentage not shown, as the government statistics use them. */
export const WITHHELD_MARKERS: Record<WithheldReason, { marker: string; meaning: string }> = {
  suppressed: { marker: '[c]', meaning: 'not shown because a figure it is worked out from is suppressed' },
  denominator_under_10: { marker: '[low]', meaning: 'not shown because fewer than 10 reviews are counted' },
  no_denominator: { marker: '[x]', meaning: 'not shown because there are no reviews to work it out from' },
}

interface Cell {
  text: string
  format?: 'numeric'
  classes?: string
}

export interface ReportTable {
  id: string
  title: string
  /** Extra classes of the table element. */
  classes: string
  head: Cell[]
  rows: Cell[][]
  chart?: Chart
}

export interface Headline {
  share: Percentage
  national: NationalComparator[]
}

const SHARE_TABLE_IDS: readonly string[] = [...MODIFIABLE_TABLE_IDS, 'trend_reviews_by_modifiable']

const numberFormat = new Intl.NumberFormat('en-GB')

const showValue = (value: CellValue): string => (typeof value === 'number' ? numberFormat.format(value) : value)

export const showPercentage = (share: Percentage): string =>
  share.value === null ? WITHHELD_MARKERS[share.withheld].marker : `${share.value.toFixed(1)}%`

function reportTable(table: StatsTable, mode: Release['mode'], chart: Chart | undefined): ReportTable {
  const withShare = SHARE_TABLE_IDS.includes(table.id)
  const head: Cell[] = [
    { text: '' },
    ...table.columns.map(c => ({ text: c.label, format: 'numeric' as const })),
    ...(withShare ? [{ text: '% with modifiable factors', format: 'numeric' as const }] : []),
  ]
  const rows = table.rows.map(row => [
    { text: row.label, classes: row.code === 'total' ? 'app-statistics-total' : undefined },
    ...table.columns.map(c => ({
      text: showValue(table.values[row.code][c.code]),
      format: 'numeric' as const,
      classes: row.code === 'total' || c.code === 'total' ? 'app-statistics-total' : undefined,
    })),
    ...(withShare
      ? [{ text: showPercentage(modifiableShareOfRow(table, row.code, mode)), format: 'numeric' as const }]
      : []),
  ])
  // Year codes ("2016-17") read badly broken over two lines.
  const classes = table.id.startsWith('trend_') ? 'app-statistics-table--years' : ''
  return { id: table.id, title: table.title, classes, head, rows, chart }
}

export function reportTables(release: Release, charts: readonly Chart[]): ReportTable[] {
  return release.tables.map(table =>
    reportTable(
      table,
      release.mode,
      charts.find(c => c.tableId === table.id),
    ),
  )
}

/** The release's share with modifiable factors (all reviews in the period), and the national figures of its years. */
export function headline(release: Release, comparators: readonly NationalComparator[], years: string[]): Headline {
  const table = release.tables.find(t => t.id === 'category_by_modifiable')
  if (!table) throw new Error('Release has no category_by_modifiable table')
  return {
    share: modifiableShareOfRow(table, 'total', release.mode),
    national: comparators.filter(c => years.includes(c.financialYear)),
  }
}
