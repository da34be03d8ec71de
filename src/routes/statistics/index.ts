import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import type { Services } from '../../services'
import AnnualReportController from './annualReportController'
import ChooseYearController from './chooseYearController'
import ComparatorsController from './comparatorsController'
import DownloadController from './downloadController'
import PoolCalendarController from './poolCalendarController'
import PublishController from './publishController'
import ReleasesController from './releasesController'
import ReportController from './reportController'
import { reportStylesheet } from './reportStylesheet'
import { validId } from '../params'

/**
 * The annual statistics: public health sees published releases only, as stored (the live pages
 * serve them the current published version of a period, or 404); coordinators and administrators
 * also work with the live figures, published or unsuppressed (checked per request, and audited by
 * the service), and publish releases; administrators enter the national comparators and set the
 * calendar of pooled periods.
 */
export function statisticsRoutes({ statisticsService, publicationService, annualReportService }: Services): Router {
  const router = Router()
  router.use(paths.statistics.chooseYear, requireCapability('viewPublishedStatistics'))
  // The release's id is `:id` in its pattern; it is checked as any other record's id.
  router.param('id', validId('releaseId'))
  const releases = new ReleasesController(publicationService, statisticsService)
  const choose = new ChooseYearController(statisticsService)
  const report = new ReportController(statisticsService, publicationService, releases)
  const download = new DownloadController(statisticsService, publicationService, releases)
  const comparators = new ComparatorsController(statisticsService)
  const publish = new PublishController(publicationService)
  const calendar = new PoolCalendarController(publicationService)
  const annualReport = new AnnualReportController(annualReportService)
  router.get(paths.statistics.chooseYear, choose.view)
  router.get(paths.statistics.report, report.view)
  router.get(paths.statistics.reportStylesheet, reportStylesheet)
  router.get(paths.statistics.download, download.download)
  router.get(paths.annualReport.download, annualReport.download)
  router.get(paths.statistics.releases, releases.list)
  router.get(paths.statistics.release.pattern, releases.report)
  router.get(paths.statistics.releaseDownload.pattern, releases.download)
  router.get(paths.statistics.publish, requireCapability('publishStatistics'), publish.view)
  router.post(paths.statistics.publish, requireCapability('publishStatistics'), publish.submit)
  router.get(paths.statistics.poolCalendar, requireCapability('administerStatistics'), calendar.view)
  router.post(paths.statistics.poolCalendar, requireCapability('administerStatistics'), calendar.submit)
  router.get(paths.statistics.comparators, requireCapability('administerStatistics'), comparators.view)
  router.post(paths.statistics.comparators, requireCapability('administerStatistics'), comparators.submit)
  return router
}

export default statisticsRoutes
