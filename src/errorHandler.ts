import { NextFunction, Request, Response } from 'express'
import type { HttpError } from 'http-errors'
import { isDatabaseUnavailable } from './db/databaseUnavailable'
import { logDatabaseUnavailable } from './db/unavailableLog'
import logger from './logger'

/** Seconds a browser or client is asked to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 30

interface PageForStatus {
  view: string
  title: string
}

function pageFor(status: number, code: string | undefined): PageForStatus {
  if (code === 'EBADCSRFTOKEN') return { view: 'pages/errors/form-expired', title: 'Your form has expired' }
  if (status === 404) return { view: 'pages/errors/not-found', title: 'Page not found' }
  if (status === 403) return { view: 'pages/errors/forbidden', title: 'You do not have permission to see this page' }
  if (status === 413) return { view: 'pages/errors/bad-request', title: 'What you sent was too large' }
  if (status === 429) return { view: 'pages/errors/bad-request', title: 'Too many requests' }
  if (status >= 400 && status < 500)
    return { view: 'pages/errors/bad-request', title: 'We could not read what you sent' }
  return { view: 'pages/errors/server-error', title: 'Sorry, there is a problem with the service' }
}

/**
 * The one error handler: a friendly page for every failure, the detail only outside production,
 * and a log line with the request id so a person's report can be matched to it.
 */
export default function createErrorHandler(production: boolean) {
  return (error: HttpError, req: Request, res: Response, _next: NextFunction): void => {
    // The database (or the session store) is away: not a fault of the request, and nothing is lost.
    if (isDatabaseUnavailable(error)) {
      logDatabaseUnavailable(error)
      if (res.headersSent) return
      res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS))
      const title = 'Sorry, the service is unavailable'
      if (req.accepts(['html', 'json']) === 'json') {
        res.json({ status: 503, title })
        return
      }
      res.render('pages/errors/service-unavailable', { pageTitle: title, status: 503, requestId: req.id })
      return
    }
    const status = error.status ?? error.statusCode ?? 500
    const { view, title } = pageFor(status, error.code)
    if (status >= 500) {
      logger.error({ err: error, requestId: req.id, userId: req.user?.id, path: req.path }, 'request failed')
    } else {
      logger.info({ requestId: req.id, status, code: error.code, path: req.path }, error.message)
    }
    if (res.headersSent) return
    res.status(status)
    // Messages of expected (4xx) errors are ours and safe to show; a 500's message may be anything.
    // Body-parser failures (they carry a `type`) have technical wording: the page says what to do instead.
    const ours = status < 500 && error.expose !== false && !(error as { type?: string }).type
    const message = ours && error.message !== title ? error.message : undefined
    // Outside production a fault shows its stack to the developer; expected refusals never do.
    const details = production || status < 500 ? undefined : error.stack
    // What to do next, when the refusal has its own answer (createError(403, message, { help })).
    const { help: given } = error as { help?: unknown }
    const help = ours && typeof given === 'string' ? given : undefined
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ status, title, message })
      return
    }
    res.render(view, { pageTitle: title, status, message, help, details, requestId: req.id })
  }
}
