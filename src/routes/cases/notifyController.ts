import { Request, Response } from 'express'
import { notificationSections } from '../../forms/caseFields'
import { RawValues, readCaseForm } from '../../forms/readCaseForm'
import type CaseService from '../../services/caseService'
import { FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import paths from '../../paths'

const FIELDS = notificationSections.flatMap(section => section.fields)

/** Step 1 of notifying a death: one form, grouped by section; the answers are kept in the session. */
export default class NotifyController {
  constructor(private readonly caseService: CaseService) {}

  view = (req: Request, res: Response): void => {
    const draft = req.session.notificationDraft?.raw
    this.render(res, draft ?? this.blank(), noErrors())
  }

  submit = (req: Request, res: Response): void => {
    const { raw, errors } = readCaseForm(FIELDS, req.body, {}, this.caseService.today())
    // Keep what was typed even when it is wrong, so coming back to the page loses nothing.
    req.session.notificationDraft = { raw }
    if (hasErrors(errors)) return this.render(res.status(400), raw, errors)
    return res.redirect(paths.cases.notifyCheck)
  }

  cancel = (req: Request, res: Response): void => {
    delete req.session.notificationDraft
    res.redirect(paths.cases.list)
  }

  private blank(): RawValues {
    const [year, month, day] = this.caseService.today().split('-')
    return {
      'notified_at-day': String(Number(day)),
      'notified_at-month': String(Number(month)),
      'notified_at-year': year,
      resident: 'yes',
      suspected_stillbirth_at_home: 'no',
    }
  }

  private render(res: Response, raw: RawValues, errors: FormErrors) {
    res.render('pages/cases/notify', { sections: notificationSections, raw, ...errors })
  }
}
