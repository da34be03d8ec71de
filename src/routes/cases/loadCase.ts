import { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import type { Case } from '../../db/models'
import type CaseService from '../../services/caseService'

/** router.param handler: loads the case named in the URL into res.locals, or answers 404. */
export const loadCase =
  (caseService: CaseService) =>
  async (_req: Request, res: Response, next: NextFunction, id: string): Promise<void> => {
    const record = await caseService.findById(String(id))
    if (!record) return next(createError(404, 'Case not found'))
    res.locals.case = record
    return next()
  }

export const loadedCase = (res: Response): Case => res.locals.case as Case
