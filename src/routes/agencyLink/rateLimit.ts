import { NextFunction, Request, Response } from 'express'
import logger from '../../logger'
import type RateLimiter from '../../services/agencyRequests/rateLimiter'

/**
 * Limits requests per client address per minute, counted in PostgreSQL so the limit holds across
 * instances. Over the limit: a 429 page and a Retry-After header.
 */
export default function rateLimit(rateLimiter: RateLimiter, scope: string, limit: number) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    let result
    try {
      result = await rateLimiter.hit(scope, req.ip ?? 'unknown', limit)
    } catch (error) {
      return next(error)
    }
    if (result.allowed) return next()
    logger.warn({ requestId: req.id, scope, hits: result.hits }, 'rate limit reached')
    res.set('Retry-After', String(result.retryAfterSeconds))
    return res.status(429).render('pages/agency-link/too-many-requests')
  }
}
