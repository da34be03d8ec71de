import { Request, Response } from 'express'
import { notificationSections } from '../../forms/caseFields'
import { displayCaseValue } from '../../presenters/displayCaseValue'
import { readCaseForm } from '../../forms/readCaseForm'
import type CaseService from '../../services/caseService'
import { addError, hasErrors, noErrors } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'

const FIELDS = notificationSections.flatMap(section => section.fields)

/** Step 2: check your answers, see possible duplicates, and save. */
export default class NotifyCheckController {
  constructor(private readonly caseService: CaseService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const draft = this.read(req)
    if (!draft) return res.redirect(paths.cases.notify)
    if (hasErrors(draft.errors)) return res.redirect(paths.cases.notify)
    return this.render(res, draft.values, await this.caseService.findPossibleDuplicates(draft.values), noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const draft = this.read(req)
    if (!draft) {
      // Sent twice (a double click, or Back then Submit): show the case the first one created.
      const last = req.session.lastNotifiedCaseId
      return res.redirect(last ? paths.cases.show(last) : paths.cases.notify)
    }
    if (hasErrors(draft.errors)) return res.redirect(paths.cases.notify)
    const duplicates = await this.caseService.findPossibleDuplicates(draft.values)
    if (duplicates.length && req.body.confirm_different_child !== 'yes') {
      const errors = noErrors()
      addError(
        errors,
        'confirm_different_child',
        'Confirm this is a different child from the possible duplicates, or open the existing case',
      )
      return this.render(res.status(400), draft.values, duplicates, errors)
    }
    const created = await this.caseService.notify(draft.values, auditContext(req), {
      confirmedDifferentFrom: duplicates.map(d => d.record.id),
    })
    delete req.session.notificationDraft
    req.session.lastNotifiedCaseId = created.id
    req.session.flash = [
      {
        type: 'success',
        title: `Case ${created.caseRef} created`,
        text: 'The death has been notified and the case timeline has started.',
      },
    ]
    return res.redirect(paths.cases.show(created.id))
  }

  private read(req: Request) {
    const raw = req.session.notificationDraft?.raw
    return raw ? readCaseForm(FIELDS, raw, {}, this.caseService.today()) : null
  }

  private render(
    res: Response,
    values: Record<string, unknown>,
    duplicates: unknown[],
    errors: ReturnType<typeof noErrors>,
  ) {
    const sections = notificationSections.map(section => ({
      title: section.title,
      rows: section.fields.map(field => ({ field, text: displayCaseValue(field, values[field.attr]) })),
    }))
    res.render('pages/cases/notify-check', { sections, duplicates, ...errors })
  }
}
