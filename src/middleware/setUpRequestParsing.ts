import express, { Router } from 'express'

/** Form posts only, with a size limit: a huge body is refused (413) before any handler sees it. */
export default function setUpRequestParsing(): Router {
  const router = Router()
  router.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 2000 }))
  router.use(express.json({ limit: '256kb' }))
  return router
}
