import { Router } from 'express'
import { todayInLondon } from '../../domain/dates'
import paths from '../../paths'
import requireCapability from '../../middleware/requireCapability'
import type { Services } from '../../services'
import AutosaveController from './autosaveController'
import DeferController from './deferController'
import FinaliseController from './finaliseController'
import { loadReviewPlace, NOT_ON_AGENDA } from './loadReviewPlace'
import ReviewController from './reviewController'
import { validId } from '../params'
import createError from 'http-errors'

/** The panel's review of a case on a meeting's agenda: the coordinator, or the chair, records it. */
export default function reviewRoutes({ reviewService, reviewDecisionService, clock }: Services): Router {
  const router = Router()
  router.param(
    'meetingId',
    validId('meetingId', () => createError(404, NOT_ON_AGENDA)),
  )
  router.param(
    'caseId',
    validId('caseId', () => createError(404, NOT_ON_AGENDA)),
  )
  const allowed = [requireCapability('reviewCase'), loadReviewPlace(reviewService)]

  const review = new ReviewController(reviewService, () => todayInLondon(clock.now()))
  const autosave = new AutosaveController(reviewService)
  const finalise = new FinaliseController(reviewService, reviewDecisionService)
  const defer = new DeferController(reviewService, reviewDecisionService)

  router.get(paths.reviews.edit.pattern, ...allowed, review.view)
  router.post(paths.reviews.edit.pattern, ...allowed, review.submit)
  router.post(paths.reviews.autosave.pattern, ...allowed, autosave.submit)
  router.get(paths.reviews.finalise.pattern, ...allowed, finalise.view)
  router.post(paths.reviews.finalise.pattern, ...allowed, finalise.submit)
  router.get(paths.reviews.defer.pattern, ...allowed, defer.view)
  router.post(paths.reviews.defer.pattern, ...allowed, defer.submit)
  return router
}
