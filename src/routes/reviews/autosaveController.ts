import { Request, Response } from 'express'
import type ReviewService from '../../services/reviews/reviewService'
import ServiceError from '../../services/serviceError'
import { hasErrors } from '../../utils/formErrors'
import { formatTime } from '../../views/viewHelpers'
import { auditContext } from '../auditContextOf'
import { loadedPlace, targetOf } from './loadReviewPlace'
import { readTextAnswers } from '../../forms/readReviewForm'

const CONFLICT =
  'Someone else saved this review. Your text has not been saved: select Save draft to see their changes and keep yours'

/**
 * Saves the review's text answers as they are typed (the script calls this every few seconds and
 * when a field loses focus). JSON in and out; the CSRF token travels in the X-CSRF-Token header.
 */
export default class AutosaveController {
  constructor(private readonly reviewService: ReviewService) {}

  submit = async (req: Request, res: Response): Promise<void> => {
    const place = loadedPlace(res)
    const version = Number(req.body?.version)
    if (!Number.isInteger(version)) {
      res.status(400).json({ status: 'invalid', message: 'The draft is missing its version' })
      return
    }
    const { values, errors } = readTextAnswers(req.body)
    if (hasErrors(errors)) {
      res.status(400).json({ status: 'invalid', message: errors.errorSummary[0].text, errors: errors.formErrors })
      return
    }
    try {
      const sheet = await this.reviewService.saveDraft(
        targetOf(place),
        version,
        { values },
        auditContext(req),
        'autosave',
      )
      res.json({ status: 'saved', version: sheet.review.version, savedAt: formatTime(new Date()) })
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      if (error.code === 'stale_version') res.status(409).json({ status: 'conflict', message: CONFLICT })
      else if (error.code === 'refused') res.status(409).json({ status: 'locked', message: error.message })
      else if (error.code === 'not_found') res.status(404).json({ status: 'not_found', message: error.message })
      else res.status(400).json({ status: 'invalid', message: error.message })
    }
  }
}
