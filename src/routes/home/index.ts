import { Router } from 'express'
import type { Services } from '../../services'
import paths from '../../paths'
import HomeController from './homeController'

export default function homeRoutes({ dashboardService, auditService }: Services): Router {
  const router = Router()
  router.get(paths.home, new HomeController(dashboardService, auditService).view)
  return router
}
