import { ANNUAL_REPORT_LINK_TEXT, annualReportHref } from './annualReportController'
import { Request, Response } from 'express'
import createError from 'http-errors'
import { releaseNotes } from '../../domain/statistics/releaseNotes'
import ServiceError from '../../services/serviceError'
import type PublicationService from '../../services/statistics/publicationService'
import type StatisticsService from '../../services/statistics/statisticsService'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import { mayProduceUnsuppressed, readReleaseQuery, releaseQueryString } from './readReleaseQuery'
import type ReleasesController from './releasesController'
import { renderReport } from './renderReport'

/** The printable report of a release: every table with labels, percentages and charts, and the release notes. */
export default class ReportController {
  constructor(
    private readonly statisticsService: StatisticsService,
    private readonly publicationService: PublicationService,
    private readonly releases: ReleasesController,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const query = readReleaseQuery(req, this.statisticsService)
    if (!mayProduceUnsuppressed(req.user)) {
      // Public health: the period's current published release as stored, never the live figures.
      const stored = await this.publicationService.current(query.years, query.localAuthority)
      if (!stored)
        throw createError(
          404,
          `${query.years} has not been published${query.localAuthority ? ' for that local authority' : ''}`,
        )
      await this.releases.renderStored(res, stored)
      return
    }
    let release
    try {
      release = await this.statisticsService.produceRelease(query, { kind: 'report' }, auditContext(req))
    } catch (error) {
      if (ServiceError.is(error, 'invalid')) throw createError(400, error.message)
      if (!ServiceError.is(error, 'refused')) throw error
      res.status(409).render('pages/statistics/unavailable', { period: query.years, message: error.message })
      return
    }
    const single = !query.years.includes('..')
    const offerReport =
      single && (query.mode === 'unsuppressed' || (await this.publicationService.current(query.years)) !== null)
    await renderReport(res, this.statisticsService, release, releaseNotes(release), {
      annualReport: offerReport
        ? { href: annualReportHref(query.years, query.mode), text: ANNUAL_REPORT_LINK_TEXT[query.mode] }
        : null,
      downloads: (['csv', 'xlsx', 'json'] as const).map(format => ({
        format,
        href: `${paths.statistics.download}?${releaseQueryString(query, { format })}`,
      })),
      otherMode: mayProduceUnsuppressed(req.user)
        ? {
            href: `${paths.statistics.report}?${releaseQueryString({
              ...query,
              mode: query.mode === 'published' ? 'unsuppressed' : 'published',
            })}`,
            text: query.mode === 'published' ? 'Show unsuppressed figures (confidential)' : 'Show published figures',
          }
        : null,
    })
  }
}
