import crypto from 'node:crypto'
import { Router } from 'express'

// Accept a correlation id from the load balancer only if it looks like one.
const SAFE_ID = /^[\w-]{8,64}$/

export default function setUpRequestId(): Router {
  const router = Router()
  router.use((req, res, next) => {
    const incoming = req.get('X-Request-Id')
    req.id = incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID()
    res.set('X-Request-Id', String(req.id))
    next()
  })
  return router
}
