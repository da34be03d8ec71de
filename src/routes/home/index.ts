import { Router } from 'express'
import paths from '../../paths'
import HomeController from './homeController'

export default function homeRoutes(): Router {
  const router = Router()
  router.get(paths.home, new HomeController().view)
  return router
}
