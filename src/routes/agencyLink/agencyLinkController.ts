import { Request, Response } from 'express'
import createError from 'http-errors'
import type AgencyLinkService from '../../services/agencyRequests/agencyLinkService'
import type { OpenLink } from '../../services/agencyRequests/agencyLinkService'
import { NARRATIVE_ANSWERS, reportSections, type Answers } from '../../domain/agencyReport/questions'
import { readReport } from '../../forms/readAgencyReportForm'
import type { LinkRefusal } from '../../services/agencyRequests/requestStatus'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'

/**
 * The agency contact's page, reached through the secure link with no account: the child's
 * identifying details and the report form, saved as a draft or submitted.
 */
export default class AgencyLinkController {
  constructor(
    private readonly agencyLinkService: AgencyLinkService,
    private readonly idleMinutes: number,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const opened = await this.agencyLinkService.open(this.token(req), auditContext(req))
    if (!opened.ok) return this.refused(res, opened.reason, 'view')
    return this.render(res, opened.value, opened.value.answers, opened.value.request.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const token = this.token(req)
    const context = auditContext(req)
    const submitting = text(req.body, 'action', 20) === 'submit'
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const { answers, errors } = readReport(req.body, submitting ? 'submit' : 'draft')
    if (errors.errorSummary.length && submitting) return this.refusedSubmission(req, res, version, errors)
    if (errors.errorSummary.length) return this.again(req, res.status(400), answers, errors)
    try {
      if (!submitting) {
        const saved = await this.agencyLinkService.saveDraft(token, answers, version, context)
        if (!saved.ok) return this.refused(res, saved.reason, 'post')
        req.session.flash = [
          {
            type: 'success',
            title: 'Your answers have been saved',
            text: 'You can come back to this page with the same link.',
          },
        ]
        return res.redirect(303, req.originalUrl)
      }
      const sent = await this.agencyLinkService.submit(token, answers, version, context)
      if (!sent.ok) return this.refused(res, sent.reason, 'post')
    } catch (error) {
      if (!ServiceError.is(error, 'stale_version')) throw error
      const stale = noErrors()
      addError(
        stale,
        'report',
        `${error.message}. Your answers are below: check them, then save or submit again`,
        '#report',
      )
      return this.again(req, res.status(409), answers, stale)
    }
    // Shown straight away rather than by redirect: from now on the link shows only this page.
    return res.render('pages/agency-link/submitted', { involved: answers.agency_involvement !== 'no', justSent: true })
  }

  /**
   * A submission with a mistake: everything typed is first kept as the draft, so nothing is lost
   * if the contact closes the page, then the problems are shown. The draft holds the answers as
   * read for a draft: known questions only, forged codes dropped, each answer within its bound, so
   * an answer still to correct (a weight in words, a box over its limit) is kept to be corrected.
   */
  private async refusedSubmission(req: Request, res: Response, version: number, errors: FormErrors) {
    const { answers } = readReport(req.body, 'draft')
    try {
      const saved = await this.agencyLinkService.saveDraft(this.token(req), answers, version, auditContext(req))
      if (!saved.ok) return this.refused(res, saved.reason, 'post')
    } catch (error) {
      if (!ServiceError.is(error, 'stale_version')) throw error
      addError(
        errors,
        'report',
        `${error.message}. Your answers are below: check them, then save or submit again`,
        '#report',
      )
      return this.again(req, res.status(409), answers, errors)
    }
    return this.again(req, res.status(400), answers, errors, true)
  }

  /** After a mistake: the page again with what was typed, if the link still works. */
  private async again(req: Request, res: Response, answers: Answers, errors: FormErrors, draftSaved = false) {
    const opened = await this.agencyLinkService.open(this.token(req), auditContext(req))
    if (!opened.ok) return this.refused(res, opened.reason, 'post')
    return this.render(res, opened.value, answers, opened.value.request.version, errors, draftSaved)
  }

  private token(req: Request): string {
    return String(req.params.token ?? '').slice(0, 200)
  }

  private render(
    res: Response,
    link: OpenLink,
    answers: Answers,
    version: number,
    errors: FormErrors,
    draftSaved = false,
  ) {
    res.render('pages/agency-link/report', {
      link,
      answers,
      version,
      draftSaved,
      reportSections,
      narrativeAnswers: NARRATIVE_ANSWERS,
      idleMinutes: this.idleMinutes,
      ...errors,
    })
  }

  /**
   * One clear page per kind of refusal. Unknown, revoked and closed links read the same: telling
   * them apart would tell someone holding a stolen or guessed link more than the agency needs.
   */
  private refused(res: Response, reason: LinkRefusal, on: 'view' | 'post') {
    if (reason === 'used') {
      return res
        .status(on === 'view' ? 200 : 409)
        .render('pages/agency-link/submitted', { involved: true, justSent: false })
    }
    const status = reason === 'expired' ? 410 : 404
    return res.status(status).render('pages/agency-link/unusable', { reason })
  }
}
