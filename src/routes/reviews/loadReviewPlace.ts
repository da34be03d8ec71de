import { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import type { RecordingRefusal } from '../../domain/reviewRules'
import type ReviewService from '../../services/reviews/reviewService'
import type { AgendaPlace, ReviewTarget } from '../../services/reviews/reviewTypes'

const REFUSALS: Record<RecordingRefusal, string> = {
  declared_interest: 'You declared an interest in this case, so you cannot see or record its review',
  not_invited: 'Only the coordinator or the chair of the meeting can record the panel’s review',
  not_chair: 'Only the coordinator or the chair of the meeting can record the panel’s review',
}

// A declared interest is not a matter of roles: the page says why and who can change it.
const INTEREST_HELP =
  'This keeps the panel’s review independent. If the declaration was a mistake, ask the CDOP coordinator to withdraw it.'
export const NOT_ON_AGENDA = 'This case is not on the agenda of this meeting'

/**
 * Loads the meeting, the case's agenda item and the case into res.locals, or answers 404 when the
 * case is not on that meeting's agenda and 403 when this person may not record its review. Someone
 * not invited to the meeting gets the same 404 whether or not the case is on its agenda (or the
 * meeting exists), so the answer never tells an outsider what a meeting will discuss.
 */
export const loadReviewPlace =
  (reviewService: ReviewService) =>
  async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const target: ReviewTarget = { meetingId: String(req.params.meetingId), caseId: String(req.params.caseId) }
    const place = await reviewService.findPlace(target)
    const refusal = place ? await reviewService.recorderRefusal(req.user!, target) : null
    if (!place || refusal === 'not_invited') return next(createError(404, NOT_ON_AGENDA))
    if (refusal)
      return next(createError(403, REFUSALS[refusal], refusal === 'declared_interest' ? { help: INTEREST_HELP } : {}))
    res.locals.reviewPlace = place
    return next()
  }

export const loadedPlace = (res: Response): AgendaPlace => res.locals.reviewPlace as AgendaPlace

export const targetOf = (place: AgendaPlace): ReviewTarget => ({ meetingId: place.meeting.id, caseId: place.record.id })
