import path from 'node:path'
import express, { Router } from 'express'
import nocache from 'nocache'
import { rootDir } from '../config'

export default function setUpStaticResources(production: boolean): Router {
  const router = Router()
  const govukDist = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk')
  const options = { maxAge: production ? '1h' : 0, redirect: false, index: false as const }
  router.use('/assets/govuk', express.static(govukDist, options))
  router.use('/assets', express.static(path.join(govukDist, 'assets'), options))
  router.use(express.static(path.join(rootDir, 'public'), options))
  // Everything after this point is dynamic and may hold case data: never store it in any cache.
  router.use(nocache())
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store')
    next()
  })
  return router
}
