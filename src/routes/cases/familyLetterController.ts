import { Request, Response } from 'express'
import createError from 'http-errors'
import paths from '../../paths'
import type FamilyLetterService from '../../services/familyLetterService'
import { LETTER_MAX } from '../../services/familyLetterService'
import ServiceError from '../../services/serviceError'
import { readDateInput } from '../../utils/dateInput'
import { addError, FormErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'

const versionOf = (body: unknown): number | null | undefined => {
  const raw = text(body, 'version', 12)
  if (raw === 'none') return null
  const n = Number(raw)
  return raw !== '' && Number.isInteger(n) ? n : undefined
}

/** The letter to the family after the review: drafted from it, edited, kept with the case, printable. */
export default class FamilyLetterController {
  constructor(private readonly letters: FamilyLetterService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const page = await this.open(req, 'edit')
    this.render(res, page, page.body, page.letter?.version ?? null, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const version = versionOf(req.body)
    if (version === undefined) throw createError(400, 'The form is missing its version')
    const body = text(req.body, 'body', LETTER_MAX * 2)
    try {
      await this.letters.save(String(req.params.caseId), body, version, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      if (error.code === 'not_found') throw createError(404, error.message)
      const page = await this.open(req, 'edit')
      const errors = noErrors()
      addError(errors, 'body', error.message)
      const status = error.code === 'stale_version' ? 409 : 400
      // What they typed stays; the newer saved letter is shown beside it.
      return this.render(
        res.status(status),
        page,
        body,
        page.letter?.version ?? null,
        errors,
        error.code === 'stale_version',
      )
    }
    req.session.flash = [{ type: 'success', text: 'Letter to the family saved' }]
    return res.redirect(paths.cases.familyLetter(String(req.params.caseId)))
  }

  print = async (req: Request, res: Response): Promise<void> => {
    const page = await this.open(req, 'print')
    if (!page.letter) return res.redirect(paths.cases.familyLetter(page.record.id))
    return res.render('pages/cases/family-letter-print', { body: page.letter.body, caseRef: page.record.caseRef })
  }

  questions = async (req: Request, res: Response): Promise<void> => {
    const caseId = String(req.params.caseId)
    const version = Number(text(req.body, 'version', 12))
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const answer = text(req.body, 'family_questions_answered', 5)
    const date = readDateInput(req.body, 'family_questions_answered_on', 'date the questions were answered')
    const errors = noErrors()
    if (answer !== 'yes' && answer !== 'no')
      addError(errors, 'family_questions_answered', 'Select whether the family’s questions were answered')
    if (date.error) addError(errors, 'family_questions_answered_on', date.error.text, date.error.href)
    if (!errors.errorSummary.length) {
      try {
        await this.letters.recordQuestionsAnswered(caseId, answer === 'yes', date.value, version, auditContext(req))
        req.session.flash = [{ type: 'success', text: 'Recorded whether the family’s questions were answered' }]
        return res.redirect(`${paths.cases.show(caseId)}#section-family`)
      } catch (error) {
        if (!ServiceError.is(error)) throw error
        if (error.code === 'not_found') throw createError(404, error.message)
        addError(
          errors,
          error.code === 'stale_version' ? 'family_questions_answered' : 'family_questions_answered_on',
          error.message,
          error.code === 'stale_version' ? '#family_questions_answered' : '#family_questions_answered_on-day',
        )
      }
    }
    const page = await this.open(req, 'edit')
    return res.status(400).render('pages/cases/family-questions', {
      record: page.record,
      raw: { family_questions_answered: answer, ...date.raw },
      version: page.record.version,
      ...errors,
    })
  }

  private async open(req: Request, purpose: 'edit' | 'print') {
    try {
      return await this.letters.open(String(req.params.caseId), auditContext(req), purpose)
    } catch (error) {
      if (ServiceError.is(error, 'not_found')) throw createError(404, error.message)
      throw error
    }
  }

  private render(
    res: Response,
    page: Awaited<ReturnType<FamilyLetterService['open']>>,
    body: string,
    version: number | null,
    errors: FormErrors,
    conflict = false,
  ) {
    res.render('pages/cases/family-letter', {
      record: page.record,
      reviewed: page.reviewId !== null,
      saved: page.letter,
      savedBody: page.letter?.body ?? '',
      body,
      version: version === null ? 'none' : String(version),
      conflict,
      ...errors,
    })
  }
}
