import { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import type { Role } from '../domain/codes'

export const hasRole = (user: Express.User | undefined, ...roles: Role[]): boolean =>
  !!user && user.roles.some(role => roles.includes(role))

/** Access is denied unless one of the named roles allows it. */
export default function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (hasRole(req.user, ...roles)) return next()
    return next(createError(403, 'You do not have permission to see this page'))
  }
}
