import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import type { Services } from '../../services'
import CurateLearningController from './curateLearningController'
import DataQualityController from './dataQualityController'
import LearningListController from './learningListController'
import ReportActionsController from './reportActionsController'

/**
 * The coordinator's work for the annual report beside the statistics: curating the year's
 * learning, the actions and their impact, and the data quality list. Coordinators and
 * administrators only (the statistics router already refuses panel members).
 */
export default function annualReportRoutes({ reportLearningService, actionService, dataQualityService }: Services) {
  const router = Router()
  const managers = requireCapability('prepareAnnualReport')
  router.use('/statistics/annual-report', managers)
  router.use('/statistics/data-quality', managers)
  const list = new LearningListController(reportLearningService)
  const curate = new CurateLearningController(reportLearningService)
  const actions = new ReportActionsController(actionService)
  const quality = new DataQualityController(dataQualityService)
  router.get('/statistics/annual-report/learning', list.view)
  router.get('/statistics/annual-report/learning/:sourceType/:sourceId', curate.view)
  router.post('/statistics/annual-report/learning/:sourceType/:sourceId', curate.submit)
  router.get('/statistics/annual-report/actions', actions.view)
  router.get('/statistics/data-quality', quality.view)
  return router
}
