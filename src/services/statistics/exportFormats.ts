import { authorityCode } from '../../domain/localAuthorities'
/**
 * A release as a file in one of the contract's formats (statistics.md §4), with what a download or
 * the command line needs to name and describe it.
 */
import { releaseToCsv } from '../../domain/statistics/csv'
import { releaseToJson } from '../../domain/statistics/json'
import type { Release } from '../../domain/statistics/release'
import type { ReleaseNote } from '../../domain/statistics/releaseNotes'
import { releaseToXlsx } from './excelExport'

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const isExportFormat = (value: unknown): value is ExportFormat =>
  typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value)

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
}

export interface ExportFile {
  body: Buffer
  contentType: string
  /** e.g. `cdop-statistics-2016-17-published.csv`: the period and mode, never anything about a child. */
  fileName: string
}

/** A published release as stored: the CSV exactly as it went out, the others from its stored tables and notes. */
export async function exportStoredRelease(
  stored: { release: Release; notes: ReleaseNote[]; csv: Buffer; version: number },
  format: ExportFormat,
): Promise<ExportFile> {
  let body: Buffer
  if (format === 'csv') body = stored.csv
  else if (format === 'json') body = Buffer.from(`${JSON.stringify(releaseToJson(stored.release), null, 2)}\n`, 'utf8')
  else body = await releaseToXlsx(stored.release, stored.notes)
  return {
    body,
    contentType: CONTENT_TYPES[format],
    fileName: `cdop-statistics-${stored.release.financialYear.replace('..', '-to-')}${authorityPart(stored.release)}-published-v${stored.version}.${format}`,
  }
}

/** A release of one local authority names it in its file name (by its code, e.g. `-luton`). */
const authorityPart = (release: Release) => (release.localAuthority ? `-${authorityCode(release.localAuthority)}` : '')

export async function exportRelease(release: Release, format: ExportFormat): Promise<ExportFile> {
  let body: Buffer
  if (format === 'csv') body = Buffer.from(releaseToCsv(release), 'utf8')
  else if (format === 'json') body = Buffer.from(`${JSON.stringify(releaseToJson(release), null, 2)}\n`, 'utf8')
  else body = await releaseToXlsx(release)
  return {
    body,
    contentType: CONTENT_TYPES[format],
    fileName: `cdop-statistics-${release.financialYear.replace('..', '-to-')}${authorityPart(release)}-${release.mode}.${format}`,
  }
}
