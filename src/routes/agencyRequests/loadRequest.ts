import { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import type { AgencyRequest } from '../../db/models'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import { loadedCase } from '../cases/loadCase'

/** router.param handler: the request named in the URL, only if it belongs to the case in the URL. */
export const loadRequest =
  (agencyRequestService: AgencyRequestService) =>
  async (_req: Request, res: Response, next: NextFunction, id: string): Promise<void> => {
    const request = await agencyRequestService.findForCase(loadedCase(res).id, String(id))
    if (!request) return next(createError(404, 'Request not found'))
    res.locals.agencyRequest = request
    return next()
  }

export const loadedRequest = (res: Response): AgencyRequest => res.locals.agencyRequest as AgencyRequest
