import { Request, Response } from 'express'
import createError from 'http-errors'
import { compareIsoDates } from '../../domain/dates'
import { readDateInput, yearsFromToday } from '../../utils/dateInput'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import { answersFrom, NARRATIVE_ANSWERS, reportSections, type Answers } from '../../domain/agencyReport/questions'
import { readReport } from '../../forms/readAgencyReportForm'
import { agencyName } from '../../services/agencyRequests/requestStatus'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import { loadedCase } from '../cases/loadCase'
import { loadedRequest } from './loadRequest'

type Received = { day: string; month: string; year: string }

/**
 * A report that reached the panel another way (paper, secure e-mail, phone), typed in by the
 * coordinator on the same form the agency would have used. Starts from the agency's draft, if any.
 */
export default class PaperReportController {
  constructor(private readonly agencyRequestService: AgencyRequestService) {}

  view = (_req: Request, res: Response): void => {
    const request = loadedRequest(res)
    const [year, month, day] = this.agencyRequestService.today().split('-')
    const received = { day: String(Number(day)), month: String(Number(month)), year }
    this.render(res, answersFrom(request.reportDraft), received, request.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const request = loadedRequest(res)
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const date = readDateInput(req.body, 'received_on', 'the date the report was received', {
      required: true,
      latest: yearsFromToday(0),
      tooLate: 'The date the report was received must be today or in the past',
    })
    const received = date.parts
    const errors = noErrors()
    const today = this.agencyRequestService.today()
    // An agency may send its report before the request is logged here, but not before the death.
    const dateOfDeath = loadedCase(res).dateOfDeath
    if (date.error) addError(errors, 'received_on', date.error.text, date.error.href)
    else if (compareIsoDates(date.value!, today) > 0)
      addError(
        errors,
        'received_on',
        'The date the report was received must be today or in the past',
        '#received_on-day',
      )
    else if (compareIsoDates(date.value!, dateOfDeath) < 0)
      addError(
        errors,
        'received_on',
        'The date the report was received must be on or after the date of death',
        '#received_on-day',
      )
    const report = readReport(req.body, 'submit')
    report.errors.errorSummary.forEach(e => addError(errors, e.href.slice(1), e.text, e.href))
    if (hasErrors(errors)) return this.render(res.status(400), report.answers, received, version, errors)
    try {
      await this.agencyRequestService.recordPaperReport(
        request,
        report.answers,
        date.value ?? today,
        version,
        auditContext(req),
      )
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      addError(
        errors,
        'report',
        error.code === 'stale_version'
          ? `${error.message}. Your answers are below: check the request, then save again`
          : error.message,
        '#report',
      )
      const fresh = (await this.agencyRequestService.findForCase(record.id, request.id)) ?? request
      return this.render(res.status(409), report.answers, received, fresh.version, errors)
    }
    req.session.flash = [{ type: 'success', text: `Report from ${agencyName(request)} recorded` }]
    return res.redirect(paths.agencyRequests.show(record.id, request.id))
  }

  private render(res: Response, answers: Answers, received: Received, version: number, errors: FormErrors) {
    const request = loadedRequest(res)
    res.render('pages/agency-requests/paper', {
      record: loadedCase(res),
      request,
      agency: agencyName(request),
      open: request.status === 'requested',
      answers,
      received,
      version,
      reportSections,
      narrativeAnswers: NARRATIVE_ANSWERS,
      ...errors,
    })
  }
}
