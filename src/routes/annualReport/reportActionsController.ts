import { Request, Response } from 'express'
import type ActionService from '../../services/actions/actionService'
import { auditContext } from '../auditContextOf'
import { renderYearPage } from './readYear'

/** The actions arising from the year's reviews and their impact, by theme, as the annual report prints them. */
export default class ReportActionsController {
  constructor(private readonly actionService: ActionService) {}

  view = (req: Request, res: Response): Promise<void> =>
    renderYearPage(req, res, 'pages/annual-report/actions', { report: null }, async year => ({
      report: await this.actionService.viewReportForYear(year, auditContext(req)),
    }))
}
