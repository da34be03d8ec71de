import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import ChooseYearController from './chooseYearController'
import ComparatorsController, { COMPARATORS_PATH } from './comparatorsController'
import DownloadController from './downloadController'
import ReportController from './reportController'
import { reportStylesheet } from './reportStylesheet'

/**
 * The annual statistics: public health, coordinators and administrators see published figures;
 * coordinators and administrators may also ask for unsuppressed ones (checked per request, and
 * audited by the service); administrators enter the national comparators.
 */
export function statisticsRoutes({ statisticsService }: Services): Router {
  const router = Router()
  router.use('/statistics', requireRole('coordinator', 'admin', 'public_health'))
  const choose = new ChooseYearController(statisticsService)
  const report = new ReportController(statisticsService)
  const download = new DownloadController(statisticsService)
  const comparators = new ComparatorsController(statisticsService)
  router.get('/statistics', choose.view)
  router.get('/statistics/report', report.view)
  router.get('/statistics/report.css', reportStylesheet)
  router.get('/statistics/download', download.download)
  router.get(COMPARATORS_PATH, requireRole('admin'), comparators.view)
  router.post(COMPARATORS_PATH, requireRole('admin'), comparators.submit)
  return router
}

export default statisticsRoutes
