/**
 * The JSON form of a release (statistics.md §4), with exactly the contract's property names: a
 * plain object, ready for JSON.stringify.
 */
import { inContractOrder } from './tables'
import type { CellValue, Release } from './release'

export interface ReleaseJson {
  financial_year: string
  /** Only on a release of one local authority (issue 12). */
  local_authority?: string
  mode: Release['mode']
  suppress_max: number
  produced_at: string
  tables: {
    id: string
    title: string
    rows: string[]
    columns: string[]
    values: Record<string, Record<string, CellValue>>
  }[]
}

export function releaseToJson(release: Release): ReleaseJson {
  return {
    financial_year: release.financialYear,
    ...(release.localAuthority ? { local_authority: release.localAuthority } : {}),
    mode: release.mode,
    suppress_max: release.suppressMax,
    produced_at: release.producedAt,
    tables: inContractOrder(release.tables).map(table => ({
      id: table.id,
      title: table.title,
      rows: table.rows.map(r => r.code),
      columns: table.columns.map(c => c.code),
      // Rebuilt in listed order, so the object's keys read in the same order as the CSV.
      values: Object.fromEntries(
        table.rows.map(r => [
          r.code,
          Object.fromEntries(table.columns.map(c => [c.code, table.values[r.code][c.code]])),
        ]),
      ),
    })),
  }
}
