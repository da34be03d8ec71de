import { Request, Response } from 'express'
import type DataQualityService from '../../services/report/dataQualityService'
import { auditContext } from '../auditContextOf'
import { readYear, yearChoices } from './readYear'

/** For the year's cases, how many have each key item missing or "not known", with links to them. */
export default class DataQualityController {
  constructor(private readonly dataQualityService: DataQualityService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const { year, error } = readYear(req)
    if (error) {
      res.status(400).render('pages/annual-report/data-quality', {
        year,
        years: yearChoices(),
        report: null,
        errorSummary: [{ text: error, href: '#year' }],
        formErrors: { year: error },
      })
      return
    }
    const report = await this.dataQualityService.viewForYear(year, auditContext(req))
    res.render('pages/annual-report/data-quality', {
      year,
      years: yearChoices(),
      report,
      errorSummary: [],
      formErrors: {},
    })
  }
}
