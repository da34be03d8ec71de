import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import AnnualReportController, { ANNUAL_REPORT_PATH } from './annualReportController'
import ChooseYearController from './chooseYearController'
import ComparatorsController, { COMPARATORS_PATH } from './comparatorsController'
import DownloadController from './downloadController'
import PoolCalendarController, { POOL_CALENDAR_PATH } from './poolCalendarController'
import PublishController, { PUBLISH_PATH } from './publishController'
import ReleasesController, { RELEASES_PATH } from './releasesController'
import ReportController from './reportController'
import { reportStylesheet } from './reportStylesheet'

/**
 * The annual statistics: public health sees published releases only, as stored (the live pages
 * serve them the current published version of a period, or 404); coordinators and administrators
 * also work with the live figures, published or unsuppressed (checked per request, and audited by
 * the service), and publish releases; administrators enter the national comparators and set the
 * calendar of pooled periods.
 */
export function statisticsRoutes({ statisticsService, publicationService, annualReportService }: Services): Router {
  const router = Router()
  router.use('/statistics', requireRole('coordinator', 'admin', 'public_health'))
  const releases = new ReleasesController(publicationService, statisticsService)
  const choose = new ChooseYearController(statisticsService)
  const report = new ReportController(statisticsService, publicationService, releases)
  const download = new DownloadController(statisticsService, publicationService, releases)
  const comparators = new ComparatorsController(statisticsService)
  const publish = new PublishController(publicationService)
  const calendar = new PoolCalendarController(publicationService)
  const annualReport = new AnnualReportController(annualReportService)
  router.get('/statistics', choose.view)
  router.get('/statistics/report', report.view)
  router.get('/statistics/report.css', reportStylesheet)
  router.get('/statistics/download', download.download)
  router.get(ANNUAL_REPORT_PATH, annualReport.download)
  router.get(RELEASES_PATH, releases.list)
  router.get(`${RELEASES_PATH}/:id`, releases.report)
  router.get(`${RELEASES_PATH}/:id/download`, releases.download)
  router.get(PUBLISH_PATH, requireRole('coordinator', 'admin'), publish.view)
  router.post(PUBLISH_PATH, requireRole('coordinator', 'admin'), publish.submit)
  router.get(POOL_CALENDAR_PATH, requireRole('admin'), calendar.view)
  router.post(POOL_CALENDAR_PATH, requireRole('admin'), calendar.submit)
  router.get(COMPARATORS_PATH, requireRole('admin'), comparators.view)
  router.post(COMPARATORS_PATH, requireRole('admin'), comparators.submit)
  return router
}

export default statisticsRoutes
