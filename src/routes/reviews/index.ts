import { Router } from 'express'
import { todayInLondon } from '../../domain/dates'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import AutosaveController from './autosaveController'
import DeferController from './deferController'
import FinaliseController from './finaliseController'
import { loadReviewPlace } from './loadReviewPlace'
import ReviewController from './reviewController'

const REVIEW = '/meetings/:meetingId/cases/:caseId/review'

/** The panel's review of a case on a meeting's agenda: the coordinator, or the chair, records it. */
export default function reviewRoutes({ reviewService, reviewDecisionService }: Services): Router {
  const router = Router()
  const allowed = [requireRole('coordinator', 'admin', 'panel_member'), loadReviewPlace(reviewService)]

  const review = new ReviewController(reviewService, () => todayInLondon(new Date()))
  const autosave = new AutosaveController(reviewService)
  const finalise = new FinaliseController(reviewService, reviewDecisionService)
  const defer = new DeferController(reviewService, reviewDecisionService)

  router.get(REVIEW, ...allowed, review.view)
  router.post(REVIEW, ...allowed, review.submit)
  router.post(`${REVIEW}/autosave`, ...allowed, autosave.submit)
  router.get(`${REVIEW}/finalise`, ...allowed, finalise.view)
  router.post(`${REVIEW}/finalise`, ...allowed, finalise.submit)
  router.get(`${REVIEW}/defer`, ...allowed, defer.view)
  router.post(`${REVIEW}/defer`, ...allowed, defer.submit)
  return router
}
