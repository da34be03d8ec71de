/**
 * Reads and checks what a statistics page or download asks for: the period (`year`, optionally
 * pooled from `from`, or `year=2014-15..2016-17`), the mode and the format. A malformed request is a
 * 400 with a message saying what to send instead; unsuppressed figures for someone whose role may
 * not have them is a 403. Nothing is queried before all of this has passed.
 */
import type { Request } from 'express'
import createError from 'http-errors'
import type { ReleaseMode } from '../../domain/statistics/release'
import { can } from '../../domain/policy'
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../services/statistics/exportFormats'
import type StatisticsService from '../../services/statistics/statisticsService'

export interface ReleaseQuery {
  years: string
  mode: ReleaseMode
  /** A local authority's name, as asked for: the service checks it is listed. */
  localAuthority?: string
}

/** Longer than any authority's name may be: refused before anything is looked up. */
const MAX_AUTHORITY_PARAM = 100

/** Coordinators and administrators may produce unsuppressed figures (statistics.md §3); nobody else. */
export const mayProduceUnsuppressed = (user: Express.User | undefined): boolean => can(user, 'viewLiveStatistics')

/** A query parameter as one string: absent is empty; repeated or nested is refused. */
function param(req: Request, name: string): string {
  const value: unknown = req.query[name]
  if (value === undefined) return ''
  if (typeof value !== 'string') throw createError(400, `Send ${name} once, as text`)
  return value.trim()
}

export function readReleaseQuery(req: Request, statisticsService: StatisticsService): ReleaseQuery {
  const year = param(req, 'year')
  const from = param(req, 'from')
  const parsed = statisticsService.parsePeriod(from && from !== year ? `${from}..${year}` : year)
  if (!parsed.ok) throw createError(400, parsed.message)

  const mode = param(req, 'mode') || 'published'
  if (mode !== 'published' && mode !== 'unsuppressed') {
    throw createError(400, 'Mode must be published or unsuppressed')
  }
  if (mode === 'unsuppressed' && !mayProduceUnsuppressed(req.user)) {
    throw createError(403, 'Only coordinators and administrators can see unsuppressed figures')
  }
  const localAuthority = param(req, 'local_authority')
  if (localAuthority.length > MAX_AUTHORITY_PARAM) {
    throw createError(400, `A local authority's name is ${MAX_AUTHORITY_PARAM} characters or fewer`)
  }
  return { years: parsed.period.label, mode, ...(localAuthority ? { localAuthority } : {}) }
}

export function readExportFormat(req: Request): ExportFormat {
  const format = param(req, 'format') || 'csv'
  if (!isExportFormat(format)) throw createError(400, `Format must be one of ${EXPORT_FORMATS.join(', ')}`)
  return format
}

/** The query string of a release's page or download, in one order so links are stable. */
export function releaseQueryString(query: ReleaseQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ year: query.years, ...extra })
  if (query.mode === 'unsuppressed') params.set('mode', 'unsuppressed')
  if (query.localAuthority) params.set('local_authority', query.localAuthority)
  return params.toString()
}
