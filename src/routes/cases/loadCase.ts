import { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import type { Case } from '../../db/models'
import type CaseMergeService from '../../services/caseMergeService'
import type CaseService from '../../services/caseService'
import paths from '../../paths'

/**
 * router.param handler: loads the case named in the URL into res.locals, or answers 404. A case
 * merged into another resolves to the case it was merged into, with a notice saying so.
 */
export const loadCase =
  (caseService: CaseService, caseMergeService?: CaseMergeService) =>
  async (req: Request, res: Response, next: NextFunction, id: string): Promise<void> => {
    const record = await caseService.findById(String(id))
    if (!record) return next(createError(404, 'Case not found'))
    if (record.mergedIntoId && caseMergeService) {
      const survivor = await caseMergeService.survivorOf(record)
      if (!survivor) return next(createError(404, 'Case not found'))
      req.session.flash = [
        {
          type: 'information',
          title: `Case ${record.caseRef} was merged into ${survivor.caseRef}`,
          text: `It was a second record of the same child: everything it held is now on case ${survivor.caseRef}, shown here.`,
        },
      ]
      return res.redirect(303, paths.cases.show(survivor.id))
    }
    res.locals.case = record
    return next()
  }

export const loadedCase = (res: Response): Case => res.locals.case as Case
