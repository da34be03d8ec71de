import { Request, Response } from 'express'
import { caseStatuses } from '../../domain/codes'
import type ReviewService from '../../services/reviews/reviewService'
import type { AgendaPlace, ReviewSheet } from '../../services/reviews/reviewTypes'
import { factorRows, rawFromReview, recommendationRows, reviewLocals } from '../../presenters/reviewView'

/** The review the panel decided on at this meeting, read-only: a change needs the case reopening. */
export async function renderDecided(
  reviewService: ReviewService,
  req: Request,
  res: Response,
  place: AgendaPlace,
  sheet: ReviewSheet | null,
): Promise<void> {
  res.render('pages/reviews/show', {
    ...reviewLocals(place, req.user),
    sheet,
    raw: sheet ? rawFromReview(sheet.review) : {},
    domains: sheet ? factorRows(sheet.factors) : [],
    recommendations: sheet ? recommendationRows(sheet.recommendations) : [],
    finalisedBy: sheet ? await reviewService.nameOf(sheet.review.finalisedBy) : null,
    caseStatusLabel: caseStatuses.label(place.record.status),
    caseReopened: place.record.status !== 'reviewed',
    outcome: place.agendaItem.outcome,
  })
}

/** A post to a review the panel has already decided on: refused with a clear page, nothing changed. */
export function renderLocked(res: Response, place: AgendaPlace, message: string): void {
  res.status(409).render('pages/reviews/locked', {
    ...reviewLocals(place, res.locals.user),
    message,
  })
}
