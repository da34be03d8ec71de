import { Request, Response } from 'express'
import type DataQualityService from '../../services/report/dataQualityService'
import { auditContext } from '../auditContextOf'
import { renderYearPage } from './readYear'

/** For the year's cases, how many have each key item missing or "not known", with links to them. */
export default class DataQualityController {
  constructor(private readonly dataQualityService: DataQualityService) {}

  view = (req: Request, res: Response): Promise<void> =>
    renderYearPage(req, res, 'pages/annual-report/data-quality', { report: null }, async year => ({
      report: await this.dataQualityService.viewForYear(year, auditContext(req)),
    }))
}
