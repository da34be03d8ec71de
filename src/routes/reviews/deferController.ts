import { Request, Response } from 'express'
import createError from 'http-errors'
import paths from '../../paths'
import type ReviewDecisionService from '../../services/reviews/reviewDecisionService'
import type ReviewService from '../../services/reviews/reviewService'
import type { AgendaPlace } from '../../services/reviews/reviewTypes'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import { loadedPlace, targetOf } from './loadReviewPlace'
import { renderLocked } from './renderDecided'
import { reviewLocals } from '../../presenters/reviewView'

const QUESTIONS_LIMIT = 5000

/** Deferring: the case goes back to information gathering with the questions the panel needs answered. */
export default class DeferController {
  constructor(
    private readonly reviewService: ReviewService,
    private readonly decisions: ReviewDecisionService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const place = loadedPlace(res)
    const { sheet, editable } = await this.reviewService.open(place, auditContext(req))
    if (!editable || !sheet) return renderLocked(res, place, 'This review has already been decided')
    return this.render(req, res, place, { questions: '' }, sheet.review.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const place = loadedPlace(res)
    const version = Number(req.body?.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const values = { questions: text(req.body, 'questions', 100_000) }
    const errors = noErrors()
    if (!values.questions) addError(errors, 'questions', 'Enter the questions the panel needs answered')
    else if (values.questions.length > QUESTIONS_LIMIT)
      addError(errors, 'questions', 'Questions must be 5,000 characters or fewer')
    if (hasErrors(errors)) return this.render(req, res.status(400), place, values, version, errors)
    try {
      await this.decisions.defer(targetOf(place), { version, questions: values.questions }, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      if (error.code === 'refused') return renderLocked(res, place, error.message)
      if (error.code === 'not_found') throw createError(404, error.message)
      const failed = noErrors()
      const stale = error.code === 'stale_version'
      addError(
        failed,
        'questions',
        stale ? 'Someone changed the review since you opened this page. Check it, then defer again' : error.message,
      )
      const current = await this.reviewService.currentDraft(targetOf(place))
      return this.render(req, res.status(stale ? 409 : 400), place, values, current?.review.version ?? version, failed)
    }
    req.session.flash = [
      {
        type: 'success',
        title: `Case ${place.record.caseRef} deferred`,
        text: 'It is back in information gathering with the panel’s questions.',
      },
    ]
    return res.redirect(paths.reviews.edit(place.meeting.id, place.record.id))
  }

  private render(
    req: Request,
    res: Response,
    place: AgendaPlace,
    values: Record<string, string>,
    version: number,
    errors: FormErrors,
  ) {
    res.render('pages/reviews/defer', { ...reviewLocals(place, req.user), values, version, ...errors })
  }
}
