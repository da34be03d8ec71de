/**
 * The panel's annual report (issue 12): assembles the report's content from the services and writes
 * it out as a Word document.
 *
 * Published mode, the default, reads ONLY the year's current published release as it was stored
 * (publicationService), never a recomputation, so the document cannot say anything the release did
 * not. Unsuppressed mode (coordinators and administrators; the caller checks the role) builds the
 * exact figures and marks every page confidential. Every report produced is in the audit log,
 * recorded once it is built and before it is handed over.
 */
import { QueryTypes } from 'sequelize'
import { CONFIDENTIAL_MARK, type MeetingAttendance } from '../../domain/annualReport'
import { assessQuorum } from '../../domain/quorum'
import type { Database } from '../../db'
import type { MeetingCapacity } from '../../domain/codes'
import { parseFinancialYear } from '../../domain/financialYear'
import type { CellValue, Release, ReleaseMode } from '../../domain/statistics/release'
import { releaseNotes, type ReleaseNote } from '../../domain/statistics/releaseNotes'
import { TOTAL } from '../../domain/statistics/tables'
import { yearsOf } from '../../domain/statistics/years'
import type { AuditContext } from '../auditContext'
import type ActionService from '../actions/actionService'
import type AuditService from '../auditService'
import { docxWriter } from '../loadedOnFirstUse'
import type DataQualityService from '../report/dataQualityService'
import type ReportLearningService from '../report/reportLearningService'
import type QuorumRuleService from '../meetings/quorumRuleService'
import ServiceError from '../serviceError'
import { createChartCache } from '../statistics/chartCache'
import type { NationalComparator } from '../statistics/nationalComparators'
import type PublicationService from '../statistics/publicationService'
import type StatisticsService from '../statistics/statisticsService'
import { createPngCache } from './chartImages'
import type { AnnualReportContent, ReportSection } from './content'
import {
  actionsSection,
  activitySection,
  dataQualitySection,
  disclosureSection,
  learningSection,
  localAuthoritiesSection,
  modifiableSection,
  panelSection,
  tablesSection,
  timelinessSection,
  trendSection,
  type AuthorityFigures,
  type ChartImage,
} from './sections'

export interface AnnualReportRequest {
  /** One financial year, like `2016-17`. */
  year: string
  mode: ReleaseMode
}

export interface AnnualReportOptions {
  panelName: string
}

/** The other services the report reads its sections from (issue 12's learning, actions and data quality). */
export interface AnnualReportSources {
  learning: Pick<ReportLearningService, 'curatedForYear'>
  actions: Pick<ActionService, 'reportForYear'>
  dataQuality: Pick<DataQualityService, 'forYear'>
  localAuthorities: { list(): Promise<readonly { name: string }[]> }
}

/** Where the report is produced from, as the audit log records it. */
export type AnnualReportVia = 'web' | 'cli'

export interface AnnualReportFile {
  fileName: string
  contentType: string
  body: Buffer
  content: AnnualReportContent
}

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** Charts drawn, and PNGs converted, once per version of the data, as the report page draws its charts. */
const drawCharts = createChartCache()
const toPng = createPngCache()

export default class AnnualReportService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly statisticsService: StatisticsService,
    private readonly publicationService: PublicationService,
    private readonly quorumRules: QuorumRuleService,
    private readonly sources: AnnualReportSources,
    private readonly options: AnnualReportOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Checks the year; a message for a person when it is not one financial year. */
  private checkYear(year: string): string {
    const parsed = this.statisticsService.parsePeriod(year)
    if (!parsed.ok) throw new ServiceError('invalid', parsed.message)
    if (parsed.period.label.includes('..') || !parseFinancialYear(parsed.period.label)) {
      throw new ServiceError('invalid', `The annual report is for one financial year, like 2016-17, not ${year}`)
    }
    return parsed.period.label
  }

  /** The current published single-year releases' periods, latest first: what a published report can be made of. */
  async publishedYears(): Promise<string[]> {
    const releases = await this.publicationService.list()
    return [...new Set(releases.filter(r => !r.supersededBy && !r.period.includes('..')).map(r => r.period))]
  }

  /** The release the report is made of, and its notes: stored as published, or the exact figures. */
  private async release(
    year: string,
    mode: ReleaseMode,
  ): Promise<{ release: Release<CellValue>; notes: ReleaseNote[] }> {
    if (mode === 'published') {
      const stored = await this.publicationService.current(year)
      if (!stored) {
        const published = await this.publishedYears()
        throw new ServiceError(
          'not_found',
          `${year} has not been published, so there is no published annual report for it. ` +
            (published.length
              ? `Published years: ${published.join(', ')}.`
              : 'No year has been published yet: publish the year first (stats:publish).'),
        )
      }
      return { release: stored.release, notes: stored.notes }
    }
    const release = await this.statisticsService.buildRelease({ years: year, mode: 'unsuppressed' })
    return { release, notes: releaseNotes(release) }
  }

  /** Each listed authority's own release of the year: as published (null if none is), or exact. */
  private async authorityReleases(year: string, mode: ReleaseMode): Promise<AuthorityFigures[]> {
    const authorities = await this.sources.localAuthorities.list()
    return Promise.all(
      authorities.map(async ({ name }) => ({
        name,
        release:
          mode === 'published'
            ? ((await this.publicationService.current(year, name))?.release ?? null)
            : await this.statisticsService.buildRelease({ years: year, mode: 'unsuppressed', localAuthority: name }),
      })),
    )
  }

  /** The panel meetings held in the year, with attendance and quorum under the current rule. */
  async meetingsOfYear(year: string): Promise<MeetingAttendance[]> {
    const fy = parseFinancialYear(year)
    if (!fy) throw new ServiceError('invalid', `Not a financial year: ${year}`)
    const [rows, { rule }] = await Promise.all([
      this.db.sequelize.query<{ meeting_date: string; recorded: boolean; capacities: MeetingCapacity[] }>(
        `SELECT m.meeting_date,
                bool_or(mm.attended IS NOT NULL) IS TRUE AS recorded,
                coalesce(array_agg(mm.capacity) FILTER (WHERE mm.attended), '{}') AS capacities
         FROM meetings m LEFT JOIN meeting_members mm ON mm.meeting_id = m.id
         WHERE m.status = 'held' AND m.meeting_date BETWEEN :start AND :end
         GROUP BY m.id, m.meeting_date ORDER BY m.meeting_date, m.id`,
        { type: QueryTypes.SELECT, replacements: { start: fy.start, end: fy.end } },
      ),
      this.quorumRules.current(),
    ])
    return rows.map(row => {
      const present = row.capacities.map(capacity => ({ capacity }))
      return {
        date: row.meeting_date,
        present: present.length,
        quorate: row.recorded ? assessQuorum(present, rule).quorate : null,
      }
    })
  }

  /** Every chart of the release as a PNG. */
  private async charts(release: Release, comparators: readonly NationalComparator[]): Promise<ChartImage[]> {
    const drawn = await drawCharts(release, comparators)
    return drawn.map(chart => ({
      tableId: chart.tableId,
      title: chart.title,
      note: chart.note,
      ...toPng(chart.svg),
    }))
  }

  /** The report's content; reads only. */
  async content(request: AnnualReportRequest): Promise<AnnualReportContent> {
    const year = this.checkYear(request.year)
    const { release, notes } = await this.release(year, request.mode)
    const trend = release.tables.find(t => t.id === 'trend_reviews_by_modifiable')
    const trendYears = (trend?.rows ?? []).map(r => r.code).filter(code => code !== TOTAL)
    const unsuppressed = request.mode === 'unsuppressed'
    const [comparators, meetings, learning, actions, dataQuality, authorities] = await Promise.all([
      this.statisticsService.comparators.forYears([...new Set([...trendYears, ...yearsOf(year)])]),
      this.meetingsOfYear(year),
      this.sources.learning.curatedForYear(year),
      this.sources.actions.reportForYear(year),
      unsuppressed ? this.sources.dataQuality.forYear(year) : null,
      this.authorityReleases(year, request.mode),
    ])
    const charts = await this.charts(release, comparators)
    const { panelName } = this.options
    const sections: (ReportSection | null)[] = [
      panelSection(panelName, year, null),
      activitySection(release, meetings),
      tablesSection(release, charts),
      trendSection(release, charts),
      modifiableSection(release, comparators, charts),
      timelinessSection(release, charts),
      learningSection(year, learning),
      actionsSection(actions),
      localAuthoritiesSection(release, authorities),
      dataQualitySection(dataQuality),
      disclosureSection(notes),
    ]
    return {
      panelName,
      financialYear: year,
      mode: request.mode,
      localAuthority: null,
      title: `${panelName}: annual report ${year}`,
      subtitle: unsuppressed
        ? "Exact figures for the panel's own use. Not for publication."
        : `From the statistics published for ${year}.`,
      confidentialMark: unsuppressed ? CONFIDENTIAL_MARK : null,
      producedAt: this.now().toISOString(),
      sections: sections.filter((s): s is ReportSection => s !== null),
    }
  }

  /** The report as a Word document, recorded in the audit log before it is handed over. */
  async produce(request: AnnualReportRequest, via: AnnualReportVia, context: AuditContext): Promise<AnnualReportFile> {
    const content = await this.content(request)
    const body = await docxWriter().renderDocx(content)
    await this.auditService.record(context, {
      action: 'annual_report_produced',
      entityType: 'statistics',
      entityId: content.financialYear,
      details: { financialYear: content.financialYear, mode: content.mode, via },
    })
    const suffix = content.mode === 'unsuppressed' ? '-CONFIDENTIAL-unsuppressed' : ''
    return {
      fileName: `annual-report-${content.financialYear}${suffix}.docx`,
      contentType: DOCX_CONTENT_TYPE,
      body,
      content,
    }
  }
}
