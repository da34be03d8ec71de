import { Op, WhereOptions } from 'sequelize'
import type { Database } from '../db'
import type { Case } from '../db/models'
import { categories, CaseStatus, caseStatuses, Expected, expectedness } from '../domain/codes'
import { parseFinancialYear } from '../domain/financialYear'
import { normaliseNhsNumber } from '../domain/nhsNumber'

export const SORTS = {
  notified: 'notifiedAt',
  death: 'dateOfDeath',
  ref: 'caseRef',
  status: 'status',
} as const

export interface CaseQuery {
  term?: string
  status?: CaseStatus
  year?: string
  expected?: Expected
  category?: string
  sort: keyof typeof SORTS
  direction: 'asc' | 'desc'
  page: number
  pageSize: number
}

/** Reads list filters from a query string, ignoring anything that is not a known value. */
export function readCaseQuery(query: Record<string, unknown>, term?: string): CaseQuery {
  const one = (name: string) => (typeof query[name] === 'string' ? String(query[name]) : '')
  const page = Number.parseInt(one('page'), 10)
  const sort = one('sort')
  return {
    term: term?.trim() || undefined,
    status: caseStatuses.has(one('status')) ? (one('status') as CaseStatus) : undefined,
    year: parseFinancialYear(one('year')) ? one('year') : undefined,
    expected: expectedness.has(one('expected')) ? (one('expected') as Expected) : undefined,
    category: categories.has(one('category')) ? one('category') : undefined,
    sort: Object.hasOwn(SORTS, sort) ? (sort as keyof typeof SORTS) : 'notified',
    direction: one('direction') === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
    pageSize: 25,
  }
}

/**
 * The case list: search and filters become indexed WHERE clauses, and only one page of rows is
 * read. A term is a case reference, an NHS number, or part of a name (trigram index).
 */
export default class CaseSearchService {
  constructor(private readonly db: Database) {}

  async search(query: CaseQuery): Promise<{ rows: Case[]; count: number }> {
    // A merged case is counted nowhere: its survivor stands for it.
    const where: WhereOptions<Case>[] = [{ status: { [Op.ne]: 'merged' } } as WhereOptions<Case>]
    if (query.term) where.push(this.termCondition(query.term))
    if (query.status) where.push({ status: query.status })
    if (query.expected) where.push({ expected: query.expected })
    if (query.category) where.push({ category: Number(query.category) })
    if (query.year) {
      const fy = parseFinancialYear(query.year)!
      where.push({ dateOfDeath: { [Op.between]: [fy.start, fy.end] } })
    }
    const column = SORTS[query.sort]
    return this.db.models.Case.findAndCountAll({
      where: { [Op.and]: where },
      attributes: [
        'id',
        'caseRef',
        'givenNames',
        'familyName',
        'dateOfDeath',
        'notifiedAt',
        'status',
        'expected',
        'category',
        'onHoldReason',
      ],
      order: [
        [column, query.direction.toUpperCase()],
        ['caseRef', 'DESC'],
      ],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    })
  }

  private termCondition(term: string): WhereOptions<Case> {
    const digits = normaliseNhsNumber(term)
    if (/^\d{10}$/.test(digits)) return { nhsNumber: digits }
    const lowered = term.toLowerCase().slice(0, 100)
    const pattern = `%${lowered.replace(/[\\%_]/g, c => `\\${c}`)}%`
    const sequelize = this.db.sequelize
    // The same expression as the trigram index cases_name_trgm, so both tests below use it.
    const name = "lower(coalesce(given_names, '') || ' ' || coalesce(family_name, ''))"
    const conditions: WhereOptions<Case>[] = [
      sequelize.where(sequelize.fn('lower', sequelize.col('case_ref')), { [Op.like]: pattern }),
      sequelize.where(sequelize.literal(name), { [Op.like]: pattern }),
      // A merged case's reference finds the case it was merged into.
      sequelize.literal(
        `"case"."id" IN (SELECT merged_into_id FROM cases WHERE lower(case_ref) LIKE ${sequelize.escape(pattern)} AND merged_into_id IS NOT NULL)`,
      ),
    ]
    // Names match approximately too ("McTestfase" finds "McTestface"): word similarity over the
    // trigram index (pg_trgm's <% operator, threshold 0.6). Too short a term would match anything.
    if (lowered.replace(/[^\p{L}]/gu, '').length >= 4)
      conditions.push(sequelize.literal(`${sequelize.escape(lowered)} <% ${name}`))
    return { [Op.or]: conditions }
  }
}
