import { Request, Response } from 'express'
import { categories, caseStatuses, expectedness } from '../../domain/codes'
import { financialYearOf } from '../../domain/financialYear'
import type AuditService from '../../services/auditService'
import CaseSearchService, { readCaseQuery } from '../../services/caseSearchService'
import type CaseService from '../../services/caseService'
import { text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'

/** The case list with search, filters, sorting and pagination. Names shown here are identifiable: audited. */
export default class ListCasesController {
  constructor(
    private readonly caseSearchService: CaseSearchService,
    private readonly caseService: CaseService,
    private readonly auditService: AuditService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const query = readCaseQuery(req.query as Record<string, unknown>, req.session.caseSearch)
    const { rows, count, countCapped, hasNext } = await this.caseSearchService.search(query)
    await this.auditService.record(auditContext(req), {
      action: 'case_list_viewed',
      details: {
        searched: Boolean(query.term),
        status: query.status,
        year: query.year,
        page: query.page,
        shown: rows.length,
      },
    })
    const thisYear = Number(financialYearOf(this.caseService.today()).slice(0, 4))
    const years = Array.from(
      { length: thisYear - 2007 },
      (_, i) => `${thisYear - i}-${String((thisYear - i + 1) % 100).padStart(2, '0')}`,
    )
    res.render('pages/cases/list', {
      rows,
      count,
      countCapped,
      query,
      // Unknown past COUNT_CAP: the page says "Page N" and offers the next one while there is one.
      pageCount: countCapped ? null : Math.max(1, Math.ceil(count / query.pageSize)),
      hasNext,
      // The pages either side, found from the case at this page's edge (an opaque id, never a name).
      nextCursor: rows.length ? rows[rows.length - 1].id : undefined,
      previousCursor: rows.length ? rows[0].id : undefined,
      statusItems: caseStatuses.items,
      statusLabel: caseStatuses.label,
      expectedItems: expectedness.items,
      categoryItems: categories.items,
      years,
    })
  }

  /** Search words go in the session, not the URL, because they may be a name or an NHS number. */
  search = (req: Request, res: Response): void => {
    const term = text(req.body, 'q', 200)
    if (term && req.body.clear !== 'yes') req.session.caseSearch = term
    else delete req.session.caseSearch
    const keep = new URLSearchParams()
    ;['status', 'year', 'expected', 'category', 'sort', 'direction'].forEach(name => {
      const value = text(req.body, name, 50)
      if (value) keep.set(name, value)
    })
    res.redirect(`${paths.cases.list}${keep.size ? `?${keep}` : ''}`)
  }
}
