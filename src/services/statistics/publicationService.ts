/**
 * Publishing the statistics (statistics.md §5): a coordinator or administrator publishes a release
 * for a period that has ended and is on the calendar (publicationCalendar.ts); before it goes out
 * it is checked against every release already published, superseded versions included, and
 * suppressed further wherever it would let a hidden figure be worked out (crossReleaseGate.ts).
 * What is published is stored as it went out, CSV bytes included, and never changes: a correction is
 * the next version, with its reason. Every publication and correction is in the audit log.
 */
import { createHash } from 'node:crypto'
import { QueryTypes, type Transaction } from 'sequelize'
import type { Database } from '../../db'
import { todayInLondon } from '../../domain/dates'
import { financialYearOf, financialYearRange } from '../../domain/financialYear'
import {
  gateRelease,
  namedAuthorities,
  type ExtraSuppression,
  type NamedAuthority,
} from '../../domain/statistics/crossReleaseGate'
import { REST_GROUP } from '../../domain/statistics/releaseAlgebra'
import type { CaseScope } from './releaseQuery'
import { releaseToCsv } from '../../domain/statistics/csv'
import {
  DEFAULT_POOL_GRID,
  MAX_POOL_LENGTH,
  MIN_POOL_LENGTH,
  checkPublishable,
  endedWindows,
  type PoolGrid,
} from '../../domain/statistics/publicationCalendar'
import type { CellValue, Release, StatsTable } from '../../domain/statistics/release'
import { releaseNotes, type ReleaseNote } from '../../domain/statistics/releaseNotes'
import { yearsOf } from '../../domain/statistics/years'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'
import type StatisticsService from './statisticsService'

const GRID_KEY = 'statistics_pool_grid'
export const MAX_REASON_LENGTH = 1000

export interface StoredRelease {
  id: string
  period: string
  /** The local authority a release is of (its name as listed then); null for the whole panel's. */
  localAuthority: string | null
  version: number
  correctionReason: string | null
  publishedBy: string
  publishedAt: Date
  /** Set when a later version of the same period has been published. */
  supersededBy: { version: number; reason: string; publishedAt: Date } | null
}

export interface StoredReleaseFiles extends StoredRelease {
  exactDigest: string
  release: Release<CellValue>
  notes: ReleaseNote[]
  csv: Buffer
}

export type PreviewResult =
  | {
      ok: true
      release: Release<CellValue>
      notes: ReleaseNote[]
      extra: ExtraSuppression[]
      /** The version this would be, and the one it would supersede. */
      version: number
      current: StoredRelease | null
      /** Of the exact counts the release was made from. */
      digest: string
    }
  | { ok: false; reason: string; alternatives: string[] }

interface Row {
  id: string
  period: string
  local_authority: string | null
  version: number
  correction_reason: string | null
  published_by_name: string
  published_at: Date
  superseded_version: number | null
  superseded_reason: string | null
  superseded_at: Date | null
}

const SELECT = `
  SELECT r.id, r.period, r.local_authority, r.version, r.correction_reason, r.published_by_name, r.published_at,
         n.version AS superseded_version, n.correction_reason AS superseded_reason, n.published_at AS superseded_at
  FROM statistics_releases r
  LEFT JOIN LATERAL (
    SELECT version, correction_reason, published_at FROM statistics_releases l
    WHERE l.period = r.period AND l.local_authority IS NOT DISTINCT FROM r.local_authority AND l.version > r.version
    ORDER BY version DESC LIMIT 1
  ) n ON true
  WHERE true`

/** Releases of one scope: the whole panel's (no authority) or one authority's. */
const SAME_SCOPE = 'r.local_authority IS NOT DISTINCT FROM :localAuthority'

function fromRow(row: Row): StoredRelease {
  return {
    id: row.id,
    period: row.period,
    localAuthority: row.local_authority,
    version: row.version,
    correctionReason: row.correction_reason,
    publishedBy: row.published_by_name,
    publishedAt: row.published_at,
    supersededBy:
      row.superseded_version === null
        ? null
        : {
            version: row.superseded_version,
            reason: row.superseded_reason ?? '',
            publishedAt: row.superseded_at as Date,
          },
  }
}

function gridFrom(value: unknown): PoolGrid {
  const stored = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>
  const startYear = Number(stored.startYear)
  const length = Number(stored.length)
  return Number.isInteger(startYear) &&
    Number.isInteger(length) &&
    length >= MIN_POOL_LENGTH &&
    length <= MAX_POOL_LENGTH
    ? { startYear, length }
    : DEFAULT_POOL_GRID
}

/** The publication notes added to the rules' notes: version, correction and the check across releases. */
function publicationNotes(version: number, reason: string | null, extra: number, against: number): ReleaseNote[] {
  const notes: ReleaseNote[] = [
    {
      key: 'across_releases',
      label: 'Checked against earlier releases',
      value:
        `Checked against the ${against} release${against === 1 ? '' : 's'} published before it, superseded versions ` +
        'included, so that no figure suppressed in any release, and no count from 1 to the threshold over any span ' +
        'of years, can be worked out by adding and subtracting their figures.' +
        (extra > 0
          ? ` ${extra} further figure${extra === 1 ? ' was' : 's were'} suppressed for this reason.`
          : ' No further figure needed to be suppressed.'),
    },
    { key: 'version', label: 'Version', value: String(version) },
  ]
  if (reason) notes.push({ key: 'correction', label: 'Correction', value: reason })
  return notes
}

export default class PublicationService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly statisticsService: StatisticsService,
    private readonly options: { suppressMax: number },
    private readonly now: () => Date = () => new Date(),
  ) {}

  private currentYear(): string {
    return financialYearOf(todayInLondon(this.now()))
  }

  async grid(transaction?: Transaction): Promise<{ grid: PoolGrid; version: number }> {
    const row = await this.db.models.Setting.findByPk(GRID_KEY, { transaction })
    return row ? { grid: gridFrom(row.value), version: row.version } : { grid: DEFAULT_POOL_GRID, version: 0 }
  }

  /** The local authorities a release can be published for (the panel's list, in order). */
  async authorityNames(): Promise<string[]> {
    return (await this.statisticsService.authorityRows()).map(a => a.label)
  }

  /** Pooled windows and single years that have ended, latest first: what the publish page offers. */
  async publishablePeriods(): Promise<{ years: string[]; windows: string[] }> {
    const { grid } = await this.grid()
    const years = (await this.statisticsService.yearsWithData()).filter(year => year < this.currentYear())
    return { years, windows: endedWindows(grid, this.currentYear()) }
  }

  /**
   * Sets the calendar of pooled periods. Refused once a pooled release is out: moving the grid
   * then would let new windows overlap published ones.
   */
  async setGrid(grid: PoolGrid, version: number, context: AuditContext): Promise<void> {
    if (!Number.isInteger(grid.startYear) || grid.startYear < 1990 || grid.startYear > 2100) {
      throw new ServiceError('invalid', 'Enter the first year of the first window, like 2008')
    }
    if (!Number.isInteger(grid.length) || grid.length < MIN_POOL_LENGTH || grid.length > MAX_POOL_LENGTH) {
      throw new ServiceError('invalid', `Window length must be from ${MIN_POOL_LENGTH} to ${MAX_POOL_LENGTH} years`)
    }
    await this.db.transaction(async transaction => {
      await this.lock(transaction)
      const [pooled] = await this.db.sequelize.query<{ n: string }>(
        `SELECT count(*) AS n FROM statistics_releases WHERE period LIKE '%..%'`,
        { type: QueryTypes.SELECT, transaction },
      )
      const { Setting } = this.db.models
      const row = await Setting.findByPk(GRID_KEY, { transaction, lock: transaction.LOCK.UPDATE })
      const before = row ? gridFrom(row.value) : DEFAULT_POOL_GRID
      if (Number(pooled.n) > 0 && (before.startYear !== grid.startYear || before.length !== grid.length)) {
        throw new ServiceError(
          'refused',
          'Pooled releases have been published on the current calendar: changing it now would let new pooled ' +
            'periods overlap them',
        )
      }
      if ((row?.version ?? 0) !== version) {
        throw new ServiceError('stale_version', 'Someone else changed the calendar while you were editing it')
      }
      const value = { startYear: grid.startYear, length: grid.length }
      if (row) {
        row.value = value
        row.updatedBy = context.actorUserId
        await row.save({ transaction })
      } else {
        await Setting.create({ key: GRID_KEY, value, updatedBy: context.actorUserId, version: 1 }, { transaction })
      }
      await this.auditService.record(
        context,
        {
          action: 'statistics_pool_grid_changed',
          entityType: 'setting',
          entityId: GRID_KEY,
          details: { from: before, to: value },
        },
        transaction,
      )
    })
  }

  /**
   * Every release published, latest first, with what superseded it: the whole panel's and every
   * authority's (the panel's first within a period), or with `localAuthority` only that scope's
   * (null: the whole panel's).
   */
  async list(localAuthority?: string | null): Promise<StoredRelease[]> {
    const rows = await this.db.sequelize.query<Row>(
      `${SELECT} ${localAuthority === undefined ? '' : `AND ${SAME_SCOPE}`}
       ORDER BY r.last_year DESC, r.first_year DESC, r.local_authority NULLS FIRST, r.version DESC`,
      { type: QueryTypes.SELECT, replacements: { localAuthority: localAuthority ?? null } },
    )
    return rows.map(fromRow)
  }

  /** One stored release with its files, by id; null when there is none (or the id is no id). */
  async find(id: string): Promise<StoredReleaseFiles | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null
    return this.findWhere('r.id = :id', { id })
  }

  /** The current (latest) version of a period (of one authority), or null when it has never been published. */
  async current(period: string, localAuthority?: string): Promise<StoredReleaseFiles | null> {
    return this.findWhere(`r.period = :period AND n.version IS NULL AND ${SAME_SCOPE}`, {
      period,
      localAuthority: localAuthority ?? null,
    })
  }

  private async findWhere(
    where: string,
    replacements: Record<string, string | null>,
    transaction?: Transaction,
  ): Promise<StoredReleaseFiles | null> {
    const [row] = await this.db.sequelize.query<
      Row & { release: Release<CellValue>; notes: ReleaseNote[]; csv: Buffer; exact_digest: string }
    >(
      `SELECT * FROM (${SELECT.replace('SELECT r.id,', 'SELECT r.release, r.notes, r.csv, r.exact_digest, r.id,')} AND ${where}) x LIMIT 1`,
      { type: QueryTypes.SELECT, replacements, transaction },
    )
    if (!row) return null
    return { ...fromRow(row), exactDigest: row.exact_digest, release: row.release, notes: row.notes, csv: row.csv }
  }

  /**
   * The release as it would go out now, checked against everything already published; or why it
   * cannot be published, and what can be instead.
   */
  async preview(
    periodText: string,
    correction: string | null = null,
    transaction?: Transaction,
    localAuthorityName?: string,
  ): Promise<PreviewResult> {
    const parsed = this.statisticsService.parsePeriod(periodText)
    if (!parsed.ok) return { ok: false, reason: parsed.message, alternatives: [] }
    const period = parsed.period.label
    let localAuthority: string | undefined
    if (localAuthorityName !== undefined) {
      try {
        localAuthority = (await this.statisticsService.resolveAuthority(localAuthorityName)).label
      } catch (error) {
        if (!ServiceError.is(error, 'invalid')) throw error
        return { ok: false, reason: error.message, alternatives: [] }
      }
    }
    const scopeName = localAuthority ? `${period} for ${localAuthority}` : period
    const { grid } = await this.grid(transaction)
    const calendar = checkPublishable(period, grid, this.currentYear())
    if (!calendar.ok) return calendar
    const current = await this.findWhere(
      `r.period = :period AND n.version IS NULL AND ${SAME_SCOPE}`,
      { period, localAuthority: localAuthority ?? null },
      transaction,
    )
    const reason = correction?.trim() ?? ''
    if (current && !reason) {
      return {
        ok: false,
        reason: `${scopeName} is already published (version ${current.version}): a correction needs a reason`,
        alternatives: [],
      }
    }
    if (!current && reason) {
      return {
        ok: false,
        reason: `${scopeName} has not been published yet, so there is nothing to correct`,
        alternatives: [],
      }
    }
    if (reason.length > MAX_REASON_LENGTH) {
      return { ok: false, reason: `The reason must be ${MAX_REASON_LENGTH} characters or fewer`, alternatives: [] }
    }

    let candidate: Release<number>
    try {
      candidate = await this.statisticsService.exactRelease(period, localAuthority)
    } catch (error) {
      if (!ServiceError.is(error, 'refused')) throw error
      return {
        ok: false,
        reason: `${error.message} Nothing can be published for ${scopeName} until then.`,
        alternatives: [],
      }
    }
    const published = await this.db.sequelize.query<{ release: Release<CellValue>; local_authority: string | null }>(
      'SELECT release, local_authority FROM statistics_releases ORDER BY published_at, version',
      { type: QueryTypes.SELECT, transaction },
    )
    // Every release already out, an authority's with the authority it is of, so the check counts
    // its figures as that authority's residents only.
    const out = published.map(p =>
      p.local_authority ? { ...p.release, localAuthority: p.local_authority } : p.release,
    )
    const periods = out.map(p => p.financialYear)
    const yearTables = await this.yearTables(periods, period)
    const groupYearTables = await this.groupYearTables(namedAuthorities([...out, candidate]), periods, period)
    const gated = gateRelease({
      published: out,
      candidate,
      suppressMax: this.options.suppressMax,
      yearTables,
      groupYearTables,
    })
    const digest = exactDigest(candidate)
    if (current && digest === current.exactDigest) {
      return {
        ok: false,
        reason: `Nothing has changed in ${scopeName} since version ${current.version}: there is nothing to correct`,
        alternatives: [],
      }
    }
    const version = (current?.version ?? 0) + 1
    const notes = [
      ...releaseNotes(gated.release),
      ...publicationNotes(version, reason || null, gated.extra.length, published.length),
    ]
    return { ok: true, release: gated.release, notes, extra: gated.extra, version, current, digest }
  }

  /** Publishes (or corrects) a period; refused with the reason when it may not be. */
  async publish(
    periodText: string,
    correction: string | null,
    publisher: { name: string },
    context: AuditContext,
    localAuthority?: string,
  ): Promise<StoredRelease> {
    return this.db.transaction(async transaction => {
      // One publication at a time: each is checked against everything before it.
      await this.lock(transaction)
      const preview = await this.preview(periodText, correction, transaction, localAuthority)
      if (!preview.ok) {
        const instead = preview.alternatives.length
          ? ` You can publish instead: ${preview.alternatives.join(', ')}.`
          : ''
        const sentence = preview.reason.endsWith('.') ? preview.reason : `${preview.reason}.`
        throw new ServiceError('refused', `${sentence}${instead}`, {
          alternatives: preview.alternatives,
        })
      }
      const publishedAt = this.now()
      const release: Release<CellValue> = { ...preview.release, producedAt: publishedAt.toISOString() }
      const notes = preview.notes.map(n => (n.key === 'produced_at' ? { ...n, value: release.producedAt } : n))
      const csv = Buffer.from(releaseToCsv(release), 'utf8')
      const years = yearsOf(release.financialYear)
      const reason = correction?.trim() || null
      const [inserted] = await this.db.sequelize.query<{ id: string }>(
        `INSERT INTO statistics_releases
           (period, first_year, last_year, local_authority, version, correction_reason, published_by, published_by_name,
            published_at, suppress_max, release, notes, extra_suppressed, exact_digest, csv)
         VALUES (:period, :first, :last, :localAuthority, :version, :reason, :by, :byName, :at, :max, :release, :notes, :extra,
                 :digest, :csv)
         RETURNING id`,
        {
          type: QueryTypes.SELECT,
          transaction,
          replacements: {
            period: release.financialYear,
            localAuthority: release.localAuthority ?? null,
            first: years[0],
            last: years[years.length - 1],
            version: preview.version,
            reason,
            by: context.actorUserId,
            byName: publisher.name,
            at: publishedAt,
            max: release.suppressMax,
            release: JSON.stringify(release),
            notes: JSON.stringify(notes),
            extra: JSON.stringify(preview.extra),
            digest: preview.digest,
            csv,
          },
        },
      )
      await this.auditService.record(
        context,
        {
          action: preview.current ? 'statistics_release_corrected' : 'statistics_release_published',
          entityType: 'statistics_release',
          entityId: inserted.id,
          details: {
            period: release.financialYear,
            ...(release.localAuthority ? { localAuthority: release.localAuthority } : {}),
            version: preview.version,
            ...(reason ? { reason, supersedes: preview.current?.id } : {}),
            extraSuppressed: preview.extra.length,
          },
        },
        transaction,
      )
      const stored = await this.findWhere('r.id = :id', { id: inserted.id }, transaction)
      if (!stored) throw new Error('The release just published cannot be read back')
      return stored
    })
  }

  private async lock(transaction: Transaction): Promise<void> {
    await this.db.sequelize.query("SELECT pg_advisory_xact_lock(hashtext('statistics_releases'))", { transaction })
  }

  /**
   * With authorities named by some release: the exact single-year tables of each group of
   * residents (each authority, and everyone else), over the same years as yearTables.
   */
  private async groupYearTables(
    named: NamedAuthority[],
    periods: string[],
    candidate: string,
  ): Promise<Map<string, Map<string, StatsTable<number>[]>>> {
    const groups = new Map<string, Map<string, StatsTable<number>[]>>()
    if (named.length === 0) return groups
    const years = await this.yearsToCheck(periods, candidate)
    const scopes: [string, CaseScope][] = [
      ...named.map(a => [a.code, { only: a.name }] as [string, CaseScope]),
      [REST_GROUP, restScope(named)],
    ]
    for (const [group, scope] of scopes) {
      const map = new Map<string, StatsTable<number>[]>()
      for (const year of years) map.set(year, (await this.statisticsService.exactScopedRelease(year, scope)).tables)
      groups.set(group, map)
    }
    return groups
  }

  private async yearsToCheck(periods: string[], candidate: string): Promise<string[]> {
    const lastYears = [...periods, candidate].map(p => yearsOf(p).at(-1) as string)
    const last = lastYears.sort().at(-1) as string
    const first = (await this.statisticsService.yearsWithData()).at(-1) ?? last
    return financialYearRange(first < last ? first : last, last)
  }

  /** Exact single-year tables of every year from the first with data to the last any release covers. */
  private async yearTables(periods: string[], candidate: string): Promise<Map<string, StatsTable<number>[]>> {
    const lastYears = [...periods, candidate].map(p => yearsOf(p).at(-1) as string)
    const last = lastYears.sort().at(-1) as string
    const first = (await this.statisticsService.yearsWithData()).at(-1) ?? last
    const map = new Map<string, StatsTable<number>[]>()
    for (const year of financialYearRange(first < last ? first : last, last)) {
      map.set(year, (await this.statisticsService.exactRelease(year)).tables)
    }
    return map
  }
}

/** The check's group of residents REST_GROUP: everyone whose authority is none of these. */
export const restScope = (named: readonly NamedAuthority[]): CaseScope => ({ noneOf: named.map(a => a.name) })

function exactDigest(release: Release<number>): string {
  const figures = release.tables.map(t => [t.id, t.rows.map(r => r.code), t.columns.map(c => c.code), t.values])
  return createHash('sha256').update(JSON.stringify(figures)).digest('hex')
}
