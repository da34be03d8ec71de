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
import { queryReleaseCounts } from './releaseQuery'

export interface ReleaseRequest {
  /** `2016-17`, or pooled `2014-15..2016-17`. */
  years: string
  mode: ReleaseMode
}

/** What the figures are produced for, as the audit log records it. */
export type ReleaseUse = { kind: 'report' } | { kind: 'export'; format: ExportFormat; via: 'web' | 'cli' }

export interface StatisticsOptions {
  suppressMax: number
}

export default class StatisticsService {
  readonly comparators: NationalComparators

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

  /** The release, every table of the contract in order, suppressed in published mode. Reads only. */
  async buildRelease(request: ReleaseRequest): Promise<Release<CellValue>> {
    const parsed = this.parsePeriod(request.years)
    if (!parsed.ok) throw new ServiceError('invalid', parsed.message)
    return this.releaseFor(parsed.period, request.mode)
  }

  /**
   * The release for someone to see or take away. Unsuppressed figures are recorded in the audit
   * log once they are built and before they are handed over, so none leave unrecorded.
   */
  async produceRelease(request: ReleaseRequest, use: ReleaseUse, context: AuditContext): Promise<Release<CellValue>> {
    const release = await this.buildRelease(request)
    if (release.mode === 'unsuppressed') {
      const details = { financialYear: release.financialYear, mode: release.mode, ...use }
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
  async exactRelease(years: string): Promise<Release<number>> {
    const parsed = this.parsePeriod(years)
    if (!parsed.ok) throw new ServiceError('invalid', parsed.message)
    const counts = await queryReleaseCounts(this.db, parsed.period.start, parsed.period.end)
    const meta = {
      mode: 'published' as const,
      suppressMax: this.options.suppressMax,
      producedAt: this.now().toISOString(),
    }
    try {
      return foldRelease(counts, parsed.period, meta)
    } catch (error) {
      if (error instanceof IncompleteDataError) throw new ServiceError('refused', error.message)
      throw error
    }
  }

  private async releaseFor(period: ReleasePeriod, mode: ReleaseMode): Promise<Release<CellValue>> {
    const counts = await queryReleaseCounts(this.db, period.start, period.end)
    const meta = { mode, suppressMax: this.options.suppressMax, producedAt: this.now().toISOString() }
    try {
      return suppressRelease(foldRelease(counts, period, meta), this.options.suppressMax)
    } catch (error) {
      if (error instanceof IncompleteDataError) throw new ServiceError('refused', error.message)
      throw error
    }
  }
}
