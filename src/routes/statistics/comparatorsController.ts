import { Request, Response } from 'express'
import type { ComparatorErrors, ComparatorInput } from '../../services/statistics/nationalComparators'
import { validateComparator } from '../../services/statistics/nationalComparators'
import type StatisticsService from '../../services/statistics/statisticsService'
import { text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'

export const COMPARATORS_PATH = paths.statistics.comparators

const FIELD_ORDER: (keyof ComparatorInput)[] = ['financial_year', 'modifiable_share', 'source']

/** National figures the report compares with: an administrator enters the national share with modifiable factors per year. */
export default class ComparatorsController {
  constructor(private readonly statisticsService: StatisticsService) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    await this.render(res, { financial_year: '', modifiable_share: '', source: '' }, {})
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const values: ComparatorInput = {
      financial_year: text(req.body, 'financial_year', 50),
      modifiable_share: text(req.body, 'modifiable_share', 50),
      // One character over the limit is enough to say it is too long.
      source: text(req.body, 'source', 501),
    }
    const result = validateComparator(values)
    if (!result.ok) return this.render(res.status(400), values, result.errors)
    await this.statisticsService.comparators.save(result.value, auditContext(req))
    req.session.flash = [
      {
        type: 'success',
        text: `National figure for ${result.value.financialYear} saved: ${result.value.modifiableShare}%`,
      },
    ]
    return res.redirect(COMPARATORS_PATH)
  }

  private async render(res: Response, values: ComparatorInput, errors: ComparatorErrors): Promise<void> {
    const comparators = await this.statisticsService.comparators.list()
    res.render('pages/statistics/comparators', {
      comparators,
      values,
      formErrors: errors,
      errorSummary: FIELD_ORDER.filter(field => errors[field]).map(field => ({
        text: errors[field],
        href: `#${field}`,
      })),
    })
  }
}
