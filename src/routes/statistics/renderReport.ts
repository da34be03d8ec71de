import type { Response } from 'express'
import type { CellValue, Release } from '../../domain/statistics/release'
import type { ReleaseNote } from '../../domain/statistics/releaseNotes'
import { TOTAL } from '../../domain/statistics/tables'
import { yearsOf } from '../../domain/statistics/years'
import { createChartCache } from '../../services/statistics/chartCache'
import type StatisticsService from '../../services/statistics/statisticsService'
import { WITHHELD_MARKERS, headline, reportTables, showPercentage } from '../../presenters/reportView'

export interface ReportLinks {
  downloads: { format: 'csv' | 'xlsx' | 'json'; href: string }[]
  otherMode: { href: string; text: string } | null
  /** Shown above the report: version, publication and supersession of a stored release. */
  publication?: { version: number; publishedOn: string; publishedBy: string; superseded: string | null }
  /** The panel's annual report of the year as a Word document, where there is one to offer. */
  annualReport?: { href: string; text: string } | null
}

/** The report page of a release, live or as published. */
/** Charts are drawn once per version of a release's data (live or published), not on every request. */
const drawCharts = createChartCache()

export async function renderReport(
  res: Response,
  statisticsService: StatisticsService,
  release: Release<CellValue>,
  notes: ReleaseNote[],
  links: ReportLinks,
): Promise<void> {
  const trend = release.tables.find(t => t.id === 'trend_reviews_by_modifiable')
  const trendYears = (trend?.rows ?? []).map(r => r.code).filter(code => code !== TOTAL)
  const years = yearsOf(release.financialYear)
  const comparators = await statisticsService.comparators.forYears([...new Set([...trendYears, ...years])])
  const charts = await drawCharts(release, comparators)
  const top = headline(release, comparators, years)
  res.render('pages/statistics/report', {
    release,
    unsuppressed: release.mode === 'unsuppressed',
    tables: reportTables(release, charts),
    notes,
    headlineShare: top.share.value === null ? null : showPercentage(top.share),
    headlineWithheld: top.share.value === null ? WITHHELD_MARKERS[top.share.withheld].meaning : null,
    national: top.national,
    markers: Object.values(WITHHELD_MARKERS),
    downloads: links.downloads,
    otherMode: links.otherMode,
    publication: links.publication ?? null,
    annualReport: links.annualReport ?? null,
  })
}
