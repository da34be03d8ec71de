import { Request, Response } from 'express'
import { releaseNotes } from '../../domain/statistics/releaseNotes'
import { TOTAL } from '../../domain/statistics/tables'
import { yearsOf } from '../../domain/statistics/years'
import ServiceError from '../../services/serviceError'
import { createChartCache } from '../../services/statistics/chartCache'
import type StatisticsService from '../../services/statistics/statisticsService'
import { auditContext } from '../auditContextOf'
import { mayProduceUnsuppressed, readReleaseQuery, releaseQueryString } from './readReleaseQuery'
import { WITHHELD_MARKERS, headline, reportTables, showPercentage } from './reportView'

/** The printable report of a release: every table with labels, percentages and charts, and the release notes. */
export default class ReportController {
  /** Charts are drawn once per version of a release's data, not on every request. */
  private readonly charts = createChartCache()

  constructor(private readonly statisticsService: StatisticsService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const query = readReleaseQuery(req, this.statisticsService)
    let release
    try {
      release = await this.statisticsService.produceRelease(query, { kind: 'report' }, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'refused')) throw error
      res.status(409).render('pages/statistics/unavailable', { period: query.years, message: error.message })
      return
    }
    const trend = release.tables.find(t => t.id === 'trend_reviews_by_modifiable')
    const trendYears = (trend?.rows ?? []).map(r => r.code).filter(code => code !== TOTAL)
    const years = yearsOf(release.financialYear)
    const comparators = await this.statisticsService.comparators.forYears([...new Set([...trendYears, ...years])])
    const charts = await this.charts(release, comparators)
    const top = headline(release, comparators, years)
    res.render('pages/statistics/report', {
      release,
      unsuppressed: release.mode === 'unsuppressed',
      tables: reportTables(release, charts),
      notes: releaseNotes(release),
      headlineShare: top.share.value === null ? null : showPercentage(top.share),
      headlineWithheld: top.share.value === null ? WITHHELD_MARKERS[top.share.withheld].meaning : null,
      national: top.national,
      markers: Object.values(WITHHELD_MARKERS),
      downloads: (['csv', 'xlsx', 'json'] as const).map(format => ({
        format,
        href: `/statistics/download?${releaseQueryString(query, { format })}`,
      })),
      otherMode: mayProduceUnsuppressed(req.user)
        ? {
            href: `/statistics/report?${releaseQueryString({
              years: query.years,
              mode: query.mode === 'published' ? 'unsuppressed' : 'published',
            })}`,
            text: query.mode === 'published' ? 'Show unsuppressed figures (confidential)' : 'Show published figures',
          }
        : null,
    })
  }
}
