import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
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
  // Everything under the annual report's path; the report itself is also served by the statistics router.
  router.use(paths.annualReport.download, managers)
  router.use(paths.annualReport.dataQuality, managers)
  const list = new LearningListController(reportLearningService)
  const curate = new CurateLearningController(reportLearningService)
  const actions = new ReportActionsController(actionService)
  const quality = new DataQualityController(dataQualityService)
  router.get(paths.annualReport.learning, list.view)
  router.get(paths.annualReport.curate.pattern, curate.view)
  router.post(paths.annualReport.curate.pattern, curate.submit)
  router.get(paths.annualReport.actions, actions.view)
  router.get(paths.annualReport.dataQuality, quality.view)
  return router
}
