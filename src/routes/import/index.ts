import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import type { Services } from '../../services'
import ImportController from './importController'
import paths from '../../paths'

/** History import: coordinators (and administrators, who may do what a coordinator does) only. */
export default function importRoutes({ historyImportService }: Services): Router {
  const router = Router()
  const controller = new ImportController(historyImportService)
  router.use(paths.historyImport.upload, requireCapability('importCaseHistory'))
  router.get(paths.historyImport.upload, controller.view)
  router.get(paths.historyImport.template, controller.template)
  router.post(paths.historyImport.upload, controller.upload)
  return router
}
