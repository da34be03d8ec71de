import { Request, Response } from 'express'
import createError from 'http-errors'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import type { CloseOutcome } from '../../services/agencyRequests/agencyRequestService'
import { agencyName } from '../../services/agencyRequests/requestStatus'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import { loadedCase } from '../cases/loadCase'
import { loadedRequest } from './loadRequest'

const OUTCOMES: Record<string, { outcome: CloseOutcome; slug: 'cancel' | 'not-involved' }> = {
  cancel: { outcome: 'cancelled', slug: 'cancel' },
  'not-involved': { outcome: 'not_involved', slug: 'not-involved' },
}

/** Cancels a request (a reason is needed) or records that the agency had no involvement (a note is optional). */
export default class CloseRequestController {
  constructor(private readonly agencyRequestService: AgencyRequestService) {}

  view = (req: Request, res: Response): void => {
    const request = loadedRequest(res)
    this.render(res, this.outcome(req), { reason: '' }, request.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const request = loadedRequest(res)
    const { outcome, slug } = this.outcome(req)
    const values = { reason: text(req.body, 'reason', 3000) }
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const errors = noErrors()
    if (outcome === 'cancelled' && !values.reason)
      addError(errors, 'reason', 'Enter why you are cancelling the request')
    if (values.reason.length > 2000) addError(errors, 'reason', 'Reason must be 2,000 characters or fewer')
    if (hasErrors(errors)) return this.render(res.status(400), { outcome, slug }, values, version, errors)
    try {
      await this.agencyRequestService.close(request, outcome, values.reason, version, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      addError(
        errors,
        'reason',
        error.code === 'stale_version' ? `${error.message}. Check the request and try again` : error.message,
      )
      return this.render(res.status(409), { outcome, slug }, values, version, errors)
    }
    req.session.flash = [
      {
        type: 'success',
        text:
          outcome === 'cancelled'
            ? `Request to ${agencyName(request)} cancelled`
            : `${agencyName(request)} recorded as not involved`,
      },
    ]
    return res.redirect(paths.agencyRequests.show(record.id, request.id))
  }

  private outcome(req: Request) {
    const found = OUTCOMES[String(req.params.outcome)]
    if (!found) throw createError(404, 'Not found')
    return found
  }

  private render(
    res: Response,
    { outcome, slug }: { outcome: CloseOutcome; slug: 'cancel' | 'not-involved' },
    values: { reason: string },
    version: number,
    errors: FormErrors,
  ) {
    const request = loadedRequest(res)
    res.render('pages/agency-requests/close', {
      record: loadedCase(res),
      request,
      agency: agencyName(request),
      outcome,
      slug,
      open: request.status === 'requested',
      values,
      version,
      ...errors,
    })
  }
}
