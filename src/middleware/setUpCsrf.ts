import { Router } from 'express'
import { csrfSync } from 'csrf-sync'

/**
 * Synchroniser tokens (csrf-sync) on every state-changing request, kept in the session. Forms
 * carry the token in a hidden `_csrf` field; scripts may send it in the X-CSRF-Token header.
 */
export default function setUpCsrf(): Router {
  const router = Router()
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: req => (req.body as { _csrf?: string } | undefined)?._csrf ?? req.get('X-CSRF-Token'),
  })
  router.use(csrfSynchronisedProtection)
  router.use((req, res, next) => {
    res.locals.csrfToken = generateToken(req)
    next()
  })
  return router
}
