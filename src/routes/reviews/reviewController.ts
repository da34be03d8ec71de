import { Request, Response } from 'express'
import createError from 'http-errors'
import paths from '../../paths'
import type ReviewService from '../../services/reviews/reviewService'
import type { AgendaPlace, ReviewSheet } from '../../services/reviews/reviewTypes'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { formatTime } from '../../views/viewHelpers'
import { auditContext } from '../auditContextOf'
import { loadedPlace, targetOf } from './loadReviewPlace'
import { Intent, RawValues, readReviewForm, ReviewForm } from '../../forms/readReviewForm'
import { renderDecided, renderLocked } from './renderDecided'
import {
  Conflict,
  differences,
  factorRows,
  parseStartedFrom,
  rawFromReview,
  recommendationRows,
  reviewLocals,
  startedFromJson,
} from '../../presenters/reviewView'

interface FormState {
  raw: RawValues
  startedFrom: string
  version: number
  errors: FormErrors
  conflicts?: Conflict[]
  listsChanged?: boolean
}

/** Where each button returns to, and what it says it did. */
function afterSave(place: AgendaPlace, intent: Intent): { href: string; flash: string | null } {
  const edit = paths.reviews.edit(place.meeting.id, place.record.id)
  switch (intent.kind) {
    case 'finalise':
      return { href: paths.reviews.finalise(place.meeting.id, place.record.id), flash: null }
    case 'defer':
      return { href: paths.reviews.defer(place.meeting.id, place.record.id), flash: null }
    case 'add_factor':
      return { href: `${edit}#factors-${intent.domain}`, flash: 'Factor added and draft saved' }
    case 'remove_factor':
      return { href: `${edit}#factors`, flash: 'Factor removed and draft saved' }
    case 'add_recommendation':
      return { href: `${edit}#recommendations`, flash: 'Recommendation added and draft saved' }
    case 'remove_recommendation':
      return { href: `${edit}#recommendations`, flash: 'Recommendation removed and draft saved' }
    default:
      return { href: edit, flash: `Draft saved at ${formatTime(new Date())}` }
  }
}

/**
 * The analysis form. Every button saves the whole draft at once (answers, and any factor or
 * recommendation typed in), so nothing typed is lost; a save on top of someone else's is refused.
 */
export default class ReviewController {
  constructor(
    private readonly reviewService: ReviewService,
    private readonly today: () => string,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const place = loadedPlace(res)
    const { sheet, editable } = await this.reviewService.open(place, auditContext(req))
    if (!editable || !sheet) return renderDecided(this.reviewService, req, res, place, sheet)
    return this.render(res, req, place, sheet, {
      raw: rawFromReview(sheet.review),
      startedFrom: startedFromJson(sheet),
      version: sheet.review.version,
      errors: noErrors(),
    })
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const place = loadedPlace(res)
    const version = Number(req.body?.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const form = readReviewForm(req.body, this.today())
    if (hasErrors(form.errors)) return this.refuse(req, res, place, form, version, form.errors)
    try {
      await this.reviewService.saveDraft(
        targetOf(place),
        version,
        {
          values: form.values,
          addFactors: form.addFactors,
          addRecommendations: form.addRecommendations,
          removeFactorId: form.intent.kind === 'remove_factor' ? form.intent.id : undefined,
          removeRecommendationId: form.intent.kind === 'remove_recommendation' ? form.intent.id : undefined,
        },
        auditContext(req),
      )
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      if (error.code === 'refused') return renderLocked(res, place, error.message)
      if (error.code === 'not_found') throw createError(404, error.message)
      if (error.code === 'stale_version') return this.conflict(req, res, place, form)
      const errors = noErrors()
      addError(errors, String(error.details.field ?? 'review'), error.message)
      return this.refuse(req, res, place, form, version, errors)
    }
    const next = afterSave(place, form.intent)
    if (next.flash) req.session.flash = [{ type: 'success', text: next.flash }]
    return res.redirect(next.href)
  }

  /** A mistake: nothing saved, everything typed shown again with the message beside it. */
  private async refuse(
    req: Request,
    res: Response,
    place: AgendaPlace,
    form: ReviewForm,
    version: number,
    errors: FormErrors,
  ) {
    const current = await this.reviewService.currentDraft(targetOf(place))
    if (!current) return renderLocked(res, place, 'This review is no longer a draft')
    const started = typeof req.body.started_from === 'string' ? req.body.started_from : startedFromJson(current)
    return this.render(res.status(400), req, place, current, { raw: form.raw, startedFrom: started, version, errors })
  }

  /** Someone saved first: show what they changed; this person's input stays in the form. */
  private async conflict(req: Request, res: Response, place: AgendaPlace, form: ReviewForm) {
    const current = await this.reviewService.currentDraft(targetOf(place))
    if (!current) return renderLocked(res, place, 'This review is no longer a draft')
    const { conflicts, listsChanged } = differences(parseStartedFrom(req.body), current, form.raw)
    const errors = noErrors()
    addError(
      errors,
      'conflict',
      'Someone else saved this review while you were working on it. Check their changes, then save yours again',
    )
    return this.render(res.status(409), req, place, current, {
      raw: form.raw,
      startedFrom: startedFromJson(current),
      version: current.review.version,
      errors,
      conflicts,
      listsChanged,
    })
  }

  private render(res: Response, req: Request, place: AgendaPlace, sheet: ReviewSheet, state: FormState) {
    res.render('pages/reviews/edit', {
      ...reviewLocals(place, req.user),
      sheet,
      domains: factorRows(sheet.factors),
      recommendations: recommendationRows(sheet.recommendations),
      raw: state.raw,
      startedFrom: state.startedFrom,
      version: state.version,
      conflicts: state.conflicts,
      listsChanged: state.listsChanged ?? false,
      ...state.errors,
    })
  }
}
