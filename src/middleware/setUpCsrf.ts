import { Router } from 'express'
import { csrfSync } from 'csrf-sync'

/**
 * Synchroniser tokens (csrf-sync) on every state-changing request, kept in the session. Forms
 * carry the token in a hidden `_csrf` field; scripts may send it in the X-CSRF-Token header; file
 * uploads (multipart) in the `_csrf` query parameter of the form's action.
 */
export default function setUpCsrf(): Router {
  const router = Router()
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: req => {
      // A file upload streams its body to the handler, so its form carries the token in the action's query.
      if (req.is('multipart/form-data')) return typeof req.query._csrf === 'string' ? req.query._csrf : undefined
      return (req.body as { _csrf?: string } | undefined)?._csrf ?? req.get('X-CSRF-Token')
    },
  })
  router.use(csrfSynchronisedProtection)
  router.use((req, res, next) => {
    res.locals.csrfToken = generateToken(req)
    next()
  })
  return router
}
