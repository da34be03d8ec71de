/**
 * The "tidy" CSV of a release (statistics.md §4): one figure per line, with exactly the contract's
 * header and column order, since other people's tools read it by position and by name.
 * The quoting RFC 4180 needs is one regular expression, so it is done here rather than through a
 * CSV library, and this module stays pure and free of dependencies.
 */
import { inContractOrder } from './tables'
import type { CellValue, Release } from './release'
import { SUPPRESSION_MARKER } from './suppression'

export { releaseToJson } from './json'

export const CSV_HEADER = ['financial_year', 'table', 'row', 'row_label', 'column', 'column_label', 'value'] as const

/** RFC 4180 line break, also after the last record. */
const CRLF = '\r\n'

/** RFC 4180: a field with a comma, double quote or line break goes in double quotes, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function csvValue(value: CellValue): string {
  if (value === SUPPRESSION_MARKER) return value
  // Only whole counts or the marker may appear in the value column.
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Not a count or the marker: ${String(value)}`)
  }
  return String(value)
}

/**
 * The header, then one record per figure: tables in contract order, and within a table each row
 * in listed order with its columns in listed order. Fields are unquoted text.
 */
export function releaseToCsvRows(release: Release): string[][] {
  const records = inContractOrder(release.tables).flatMap(table =>
    table.rows.flatMap(row =>
      table.columns.map(column => [
        release.financialYear,
        table.id,
        row.code,
        row.label,
        column.code,
        column.label,
        csvValue(table.values[row.code][column.code]),
      ]),
    ),
  )
  return [[...CSV_HEADER], ...records]
}

/** Records as RFC 4180 CSV text (UTF-8 when written; no byte order mark, so the header reads exactly). */
export function toCsv(records: readonly (readonly string[])[]): string {
  return records.map(record => record.map(csvField).join(',') + CRLF).join('')
}

export function releaseToCsv(release: Release): string {
  return toCsv(releaseToCsvRows(release))
}
