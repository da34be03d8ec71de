import { Request, Response } from 'express'
import type ReportLearningService from '../../services/report/reportLearningService'
import type { LearningEntry } from '../../services/report/reportLearningService'
import { auditContext } from '../auditContextOf'
import { renderYearPage } from './readYear'

/** The year's learning points and recommendations by category of death, with the decision on each. */
export default class LearningListController {
  constructor(private readonly reportLearningService: ReportLearningService) {}

  view = (req: Request, res: Response): Promise<void> =>
    renderYearPage(req, res, 'pages/annual-report/learning', { groups: [], counts: null }, async year => {
      const entries = await this.reportLearningService.listForYear(year, auditContext(req))
      const groups = new Map<string, LearningEntry[]>()
      entries.forEach(e => {
        if (!groups.has(e.categoryLabel)) groups.set(e.categoryLabel, [])
        groups.get(e.categoryLabel)!.push(e)
      })
      return {
        groups: [...groups].map(([label, items]) => ({ label, items })),
        counts: {
          total: entries.length,
          included: entries.filter(e => e.decision === 'include').length,
          leftOut: entries.filter(e => e.decision === 'leave_out').length,
          undecided: entries.filter(e => e.decision === null).length,
        },
      }
    })
}
