import { Router } from 'express'
import createError from 'http-errors'
import { cleanFormBody, hasUnusualCharacters, withFlaggedFields } from '../utils/formHygiene'

/**
 * Control characters, once for every form: removed from the parsed body before any handler reads
 * it (so none can reach the database), and the fields that had them are refused by every form's
 * errors (utils/formErrors.ts noErrors) with a message. A query string carrying them is refused.
 */
export default function setUpFormHygiene(): Router {
  const router = Router()
  router.use((req, _res, next) => {
    const query = req.originalUrl.split('?')[1]
    if (query !== undefined) {
      let decoded: string
      try {
        decoded = decodeURIComponent(query.replace(/\+/g, ' '))
      } catch {
        return next(createError(400, 'The address has characters that cannot be read'))
      }
      if (hasUnusualCharacters(decoded)) return next(createError(400, 'The address has unusual characters'))
    }
    const flagged = req.body && typeof req.body === 'object' ? cleanFormBody(req.body as Record<string, unknown>) : []
    return withFlaggedFields(flagged, () => next())
  })
  return router
}
