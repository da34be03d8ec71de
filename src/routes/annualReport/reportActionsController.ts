import { Request, Response } from 'express'
import type ActionService from '../../services/actions/actionService'
import { auditContext } from '../auditContextOf'
import { readYear, yearChoices } from './readYear'

/** The actions arising from the year's reviews and their impact, by theme, as the annual report prints them. */
export default class ReportActionsController {
  constructor(private readonly actionService: ActionService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const { year, error } = readYear(req)
    if (error) {
      res.status(400).render('pages/annual-report/actions', {
        year,
        years: yearChoices(),
        report: null,
        errorSummary: [{ text: error, href: '#year' }],
        formErrors: { year: error },
      })
      return
    }
    const report = await this.actionService.viewReportForYear(year, auditContext(req))
    res.render('pages/annual-report/actions', { year, years: yearChoices(), report, errorSummary: [], formErrors: {} })
  }
}
