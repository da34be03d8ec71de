import { Router } from 'express'
import paths from '../../paths'

/** Accessibility statement, cookies and privacy notice: open to everyone, signed in or not. */
export default function publicPageRoutes(): Router {
  const router = Router()
  router.get(paths.accessibility, (_req, res) => res.render('pages/public/accessibility'))
  router.get(paths.cookies, (_req, res) => res.render('pages/public/cookies'))
  router.get(paths.privacy, (_req, res) => res.render('pages/public/privacy'))
  return router
}
