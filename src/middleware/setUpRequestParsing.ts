import express, { Router } from 'express'

/** Form posts only, with a size limit: a huge body is refused (413) before any handler sees it. */
export default function setUpRequestParsing(): Router {
  const router = Router()
  router.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 2000 }))
  router.use(express.json({ limit: '256kb' }))
  // Express 5 leaves the body undefined when no parser ran (a bodiless POST): handlers can rely on an object.
  router.use((req, _res, next) => {
    req.body ??= {}
    next()
  })
  return router
}
