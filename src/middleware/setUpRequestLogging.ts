import { Router } from 'express'
import pinoHttp from 'pino-http'
import logger from '../logger'
import { scrubTokens } from '../logging/scrubTokens'

/**
 * Logs method, path, status, time and request id. The URL is logged without its query string
 * (searches may hold names or NHS numbers), and no body, cookie or header value is logged.
 */
export default function setUpRequestLogging(): Router {
  const router = Router()
  router.use(
    pinoHttp({
      logger,
      genReqId: req => (req as { id?: string }).id ?? '',
      customLogLevel: (_req, res, err) => {
        // 503 is the database being away: logged once a minute as an error (db/unavailableLog.ts), not per request.
        if (res.statusCode === 503) return 'warn'
        if (err || res.statusCode >= 500) return 'error'
        return res.statusCode >= 400 ? 'warn' : 'info'
      },
      serializers: {
        // One-time link tokens are credentials: the path is logged without them.
        req: req => ({
          id: req.id,
          method: req.method,
          path: scrubTokens(String(req.url).split('?')[0]),
        }),
        res: res => ({ statusCode: res.statusCode }),
      },
      customProps: req => ({ userId: (req as { user?: { id: string } }).user?.id }),
    }),
  )
  return router
}
