import { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import type { Role } from '../domain/codes'
import { hasRole } from '../domain/roles'

export { hasRole, isCaseManager } from '../domain/roles'

/** Access is denied unless one of the named roles allows it. */
export default function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (hasRole(req.user, ...roles)) return next()
    return next(createError(403, 'You do not have permission to see this page'))
  }
}
