import { Router } from 'express'

/** Makes the signed-in person, the path and any one-off banners available to every view. */
export default function setUpCurrentUser(): Router {
  const router = Router()
  router.use((req, res, next) => {
    res.locals.user = req.user
    res.locals.currentPath = req.path
    res.locals.flash = req.session?.flash ?? []
    if (req.session?.flash) delete req.session.flash
    next()
  })
  return router
}
