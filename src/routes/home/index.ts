import { Router } from 'express'
import type { Services } from '../../services'
import paths from '../../paths'
import HomeController from './homeController'

export default function homeRoutes({ dashboardService }: Services): Router {
  const router = Router()
  router.get(paths.home, new HomeController(dashboardService).view)
  return router
}
