import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import type { Services } from '../../services'
import ImportController from './importController'
import importPaths from './importPaths'

/** History import: coordinators (and administrators, who may do what a coordinator does) only. */
export default function importRoutes({ historyImportService }: Services): Router {
  const router = Router()
  const controller = new ImportController(historyImportService)
  router.use(importPaths.upload, requireCapability('importCaseHistory'))
  router.get(importPaths.upload, controller.view)
  router.get(importPaths.template, controller.template)
  router.post(importPaths.upload, controller.upload)
  return router
}
