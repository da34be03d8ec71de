/**
 * The annual statistics (shared/spec/statistics.md): builds a release for a financial year or pooled
 * years from aggregate SQL, applies disclosure control in published mode, and records every
 * production of unsuppressed figures in the audit log. Who may ask for which mode is the caller's
 * check (routes and command line); this service makes sure the unsuppressed ones are never silent.
 */
import { QueryTypes } from 'sequelize'
import type { Database } from '../../db'
import { todayInLondon } from '../../domain/dates'
import { financialYearOf, financialYearRange } from '../../domain/financialYear'
import type { CellValue, Release, ReleaseMode } from '../../domain/statistics/release'
import { suppressRelease } from '../../domain/statistics/suppression'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'
import type { ExportFormat } from './exportFormats'
import { IncompleteDataError, foldRelease, type ReleasePeriod } from './foldRelease'
import NationalComparators from './nationalComparators'
import { EARLIEST_START_YEAR, parseReleasePeriod, type PeriodResult } from './period'
import { authorityCode } from '../../domain/localAuthorities'
import type { AuthorityRow } from '../../domain/statistics/tables'
import { listLocalAuthorities } from '../localAuthorities/localAuthorityService'
import { queryReleaseCounts, type CaseScope } from './releaseQuery'
import DataVersionCache, { dataVersion } from '../dataVersionCache'
import { truncate } from '../../domain/wellFormedText'

/** The authorities listed now, as the authority tables' rows. */
export interface AuthorityList {
  rows: AuthorityRow[]
}

export interface ReleaseRequest {
  /** `2016-17`, or pooled `2014-15..2016-17`. */
  years: string
  mode: ReleaseMode
  /** A listed local authority's name: the release counts only its residents. */
  localAuthority?: string
}

/** What the figures are produced for, as the audit log records it. */
export type ReleaseUse = { kind: 'report' } | { kind: 'export'; format: ExportFormat; via: 'web' | 'cli' }

export interface StatisticsOptions {
  suppressMax: number
}

export default class StatisticsService {
  readonly comparators: NationalComparators
  private readonly releases = new DataVersionCache<Release<CellValue>>(() => dataVersion(this.db))

  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly options: StatisticsOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.comparators = new NationalComparators(db, auditService)
  }

  /** Reads `2016-17` or `2014-15..2016-17`; a message for a person when it is neither, or in the future. */
  parsePeriod(years: unknown): PeriodResult {
    return parseReleasePeriod(years, this.now())
  }

  /** The listed local authorities as the authority tables' rows (code and name), in the list's order. */
  async authorityRows(): Promise<AuthorityRow[]> {
    return (await listLocalAuthorities(this.db)).map(a => ({ code: authorityCode(a.name), label: a.name }))
  }

  /**
   * The listed authority a name stands for (trimmed, whatever its case), as the list spells it;
   * refused with the list of valid names when it is not listed.
   */
  async resolveAuthority(name: unknown): Promise<AuthorityRow> {
    const rows = await this.authorityRows()
    const text = typeof name === 'string' ? name.trim() : ''
    const found = rows.find(r => r.label.toLowerCase() === text.toLowerCase())
    if (found && text) return found
    const valid = rows.map(r => r.label)
    const shown = text.length > 100 ? `${truncate(text, 100)}…` : text
    throw new ServiceError(
      'invalid',
      valid.length
        ? `“${shown}” is not a local authority the panel covers. Choose one of: ${valid.join(', ')}`
        : `“${shown}” is not a local authority the panel covers: no local authorities are listed`,
      { valid },
    )
  }

  /** The release, every table of the contract in order, suppressed in published mode. Reads only. */
  async buildRelease(request: ReleaseRequest): Promise<Release<CellValue>> {
    const parsed = this.parsePeriod(request.years)
    if (!parsed.ok) throw new ServiceError('invalid', parsed.message)
    const authority =
      request.localAuthority === undefined ? undefined : await this.resolveAuthority(request.localAuthority)
    return this.releaseFor(parsed.period, request.mode, authority?.label)
  }

  /**
   * The release for someone to see or take away. Unsuppressed figures are recorded in the audit
   * log once they are built and before they are handed over, so none leave unrecorded.
   */
  async produceRelease(request: ReleaseRequest, use: ReleaseUse, context: AuditContext): Promise<Release<CellValue>> {
    const release = await this.buildRelease(request)
    if (release.mode === 'unsuppressed') {
      const details = {
        financialYear: release.financialYear,
        ...(release.localAuthority ? { localAuthority: release.localAuthority } : {}),
        mode: release.mode,
        ...use,
      }
      await this.auditService.record(context, {
        action: use.kind === 'report' ? 'statistics_viewed' : 'statistics_exported',
        entityType: 'statistics',
        entityId: release.financialYear,
        details,
      })
    }
    return release
  }

  /** Financial years to offer, latest first: from the earliest with a case up to the current one. */
  async yearsWithData(): Promise<string[]> {
    // min() and max() of indexed columns are each one index probe, however many cases there are.
    const [row] = await this.db.sequelize.query<{ first: string | null }>(
      'SELECT least(min(date_of_death), min(notified_at)) AS first FROM cases',
      { type: QueryTypes.SELECT },
    )
    const current = financialYearOf(todayInLondon(this.now()))
    const earliest = `${EARLIEST_START_YEAR}-04-01`
    // A date before the earliest year offered is a typing mistake in some case; it must not stretch the list.
    const first = row.first ? financialYearOf(row.first > earliest ? row.first : earliest) : current
    return financialYearRange(first < current ? first : current, current).reverse()
  }

  /**
   * The exact counts of a period as a published release would start from, before any suppression:
   * what publication checks and suppresses. Never handed to anyone as it is.
   */
  async exactRelease(years: string, localAuthority?: string): Promise<Release<number>> {
    const parsed = this.parsePeriod(years)
    if (!parsed.ok) throw new ServiceError('invalid', parsed.message)
    const authority = localAuthority === undefined ? undefined : await this.resolveAuthority(localAuthority)
    return this.exactFor(parsed.period, 'published', authority?.label)
  }

  /**
   * The exact counts of a period for the cases of any scope (the residents of some authorities,
   * listed or not any more, or of none of them): what the check across releases needs to know which
   * counts of each group of residents are small. Never handed to anyone.
   */
  async exactScopedRelease(years: string, scope: CaseScope): Promise<Release<number>> {
    const parsed = this.parsePeriod(years)
    if (!parsed.ok) throw new ServiceError('invalid', parsed.message)
    const counts = await queryReleaseCounts(this.db, parsed.period.start, parsed.period.end, { scope })
    const meta = {
      mode: 'published' as const,
      suppressMax: this.options.suppressMax,
      producedAt: this.now().toISOString(),
    }
    try {
      return foldRelease(counts, parsed.period, meta, { authorities: [], oneGroup: scope !== null })
    } catch (error) {
      if (error instanceof IncompleteDataError) throw new ServiceError('refused', error.message)
      throw error
    }
  }

  private async exactFor(period: ReleasePeriod, mode: ReleaseMode, localAuthority?: string): Promise<Release<number>> {
    const authorities = await this.authorityRows()
    const counts = await queryReleaseCounts(this.db, period.start, period.end, {
      scope: localAuthority === undefined ? null : { only: localAuthority },
      authorities: authorities.map(a => a.label),
    })
    const meta = { mode, suppressMax: this.options.suppressMax, producedAt: this.now().toISOString() }
    try {
      return foldRelease(counts, period, meta, { authorities, localAuthority })
    } catch (error) {
      if (error instanceof IncompleteDataError) {
        throw new ServiceError('refused', localAuthority ? `${localAuthority}: ${error.message}` : error.message)
      }
      throw error
    }
  }

  private async releaseFor(
    period: ReleasePeriod,
    mode: ReleaseMode,
    localAuthority?: string,
  ): Promise<Release<CellValue>> {
    const key = JSON.stringify([period, mode, localAuthority ?? null])
    const release = await this.releases.get(key, async () =>
      suppressRelease(await this.exactFor(period, mode, localAuthority), this.options.suppressMax),
    )
    // The figures are those of the data as it is now; the time is this production's, as before.
    return { ...release, producedAt: this.now().toISOString() }
  }
}
