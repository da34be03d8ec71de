import { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import { can, type Capability } from '../domain/policy'

/** Access is denied unless the person signed in has the capability (src/domain/policy.ts). */
export default function requireCapability(capability: Capability) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (can(req.user, capability)) return next()
    return next(createError(403, 'You do not have permission to see this page'))
  }
}
