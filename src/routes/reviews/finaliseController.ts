import { Request, Response } from 'express'
import createError from 'http-errors'
import { meetingCapacities } from '../../domain/codes'
import type { QuorumResult } from '../../domain/quorum'
import { finaliseAtMeetingProblem } from '../../domain/meetingLifecycle'
import { finaliseProblems, ReviewProblem } from '../../domain/reviewRules'
import paths from '../../paths'
import type ReviewDecisionService from '../../services/reviews/reviewDecisionService'
import type ReviewService from '../../services/reviews/reviewService'
import type { AgendaPlace, ReviewSheet } from '../../services/reviews/reviewTypes'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import { loadedPlace, targetOf } from './loadReviewPlace'
import { renderLocked } from './renderDecided'
import { recommendationRows, reviewLocals } from '../../presenters/reviewView'

const REASON_LIMIT = 2000

/** Finalising: a check of completeness and quorum, an explicit override when not quorate, then the lock. */
export default class FinaliseController {
  constructor(
    private readonly reviewService: ReviewService,
    private readonly decisions: ReviewDecisionService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const place = loadedPlace(res)
    const { sheet, editable } = await this.reviewService.open(place, auditContext(req))
    if (!editable || !sheet) return renderLocked(res, place, 'This review has already been decided')
    const values = { quorum_override: '', quorum_override_reason: '' }
    return this.render(req, res, place, sheet, values, sheet.review.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const place = loadedPlace(res)
    const version = Number(req.body?.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const values = {
      quorum_override: text(req.body, 'quorum_override', 10),
      quorum_override_reason: text(req.body, 'quorum_override_reason', 100_000),
    }
    const quorum = await this.decisions.quorum(place.meeting.id)
    const errors = noErrors()
    if (!quorum.quorate) {
      if (values.quorum_override !== 'yes')
        addError(
          errors,
          'quorum_override',
          'Confirm the panel is finalising this review although the meeting is not quorate',
        )
      if (!values.quorum_override_reason)
        addError(errors, 'quorum_override_reason', 'Give the reason for finalising although the meeting is not quorate')
      else if (values.quorum_override_reason.length > REASON_LIMIT)
        addError(errors, 'quorum_override_reason', 'Reason must be 2,000 characters or fewer')
    }
    const fail = async (status: number, failed: FormErrors) => {
      const current = await this.reviewService.currentDraft(targetOf(place))
      if (!current) return renderLocked(res, place, 'This review is no longer a draft')
      return this.render(req, res.status(status), place, current, values, current.review.version, failed)
    }
    if (hasErrors(errors)) return fail(400, errors)
    try {
      await this.decisions.finalise(
        targetOf(place),
        { version, quorumOverrideReason: quorum.quorate ? null : values.quorum_override_reason },
        auditContext(req),
      )
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      if (error.code === 'refused') return renderLocked(res, place, error.message)
      if (error.code === 'not_found') throw createError(404, error.message)
      const failed = noErrors()
      if (error.code === 'stale_version') {
        addError(
          failed,
          'review',
          'Someone changed the review since you opened this page. Check it, then finalise again',
        )
        return fail(409, failed)
      }
      const problems = (error.details.problems as ReviewProblem[] | undefined) ?? [
        { field: 'review', message: error.message },
      ]
      problems.forEach(p => addError(failed, p.field, p.message, this.linkFor(place, p.field)))
      return fail(400, failed)
    }
    req.session.flash = [
      {
        type: 'success',
        title: `Review of case ${place.record.caseRef} finalised`,
        text: 'The case is now reviewed and its review is locked.',
      },
    ]
    return res.redirect(paths.reviews.edit(place.meeting.id, place.record.id))
  }

  /** Problems with the review itself are fixed on the review page; the override is on this one. */
  private linkFor(place: AgendaPlace, field: string): string {
    if (field.startsWith('quorum_override')) return `#${field}`
    if (field === 'meeting') return paths.meetings.show(place.meeting.id)
    const review = paths.reviews.edit(place.meeting.id, place.record.id)
    return field === 'review' ? review : `${review}#${field}`
  }

  private async render(
    req: Request,
    res: Response,
    place: AgendaPlace,
    sheet: ReviewSheet,
    values: Record<string, string>,
    version: number,
    errors: FormErrors,
  ) {
    const quorum: QuorumResult = await this.decisions.quorum(place.meeting.id)
    const atMeeting = finaliseAtMeetingProblem(place.meeting.status)
    const problems = [...(atMeeting ? [atMeeting] : []), ...finaliseProblems(sheet.review, sheet.factors)].map(p => ({
      ...p,
      href: this.linkFor(place, p.field),
    }))
    res.render('pages/reviews/finalise', {
      ...reviewLocals(place, req.user),
      sheet,
      problems,
      quorum,
      missingCapacities: quorum.missingCapacities.map(c => meetingCapacities.label(c)),
      recommendations: recommendationRows(sheet.recommendations),
      values,
      version,
      ...errors,
    })
  }
}
