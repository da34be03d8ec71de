import { Request, Response } from 'express'
import { can } from '../../domain/policy'
import type StatisticsService from '../../services/statistics/statisticsService'
import { mayProduceUnsuppressed } from './readReleaseQuery'
import paths from '../../paths'

/** Pick a financial year, or consecutive years to pool, for the report; a plain GET form, so the choice is a link. */
export default class ChooseYearController {
  constructor(private readonly statisticsService: StatisticsService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    // Public health works only with published releases.
    if (!mayProduceUnsuppressed(req.user)) return res.redirect(paths.statistics.releases)
    const years = await this.statisticsService.yearsWithData()
    res.render('pages/statistics/index', {
      years,
      authorities: await this.statisticsService.authorityRows(),
      mayUnsuppress: mayProduceUnsuppressed(req.user),
      isAdmin: can(req.user, 'administerStatistics'),
    })
    return undefined
  }
}
