import { Op, WhereOptions } from 'sequelize'
import type { Database } from '../db'
import type { Case } from '../db/models'
import { categories, CaseStatus, caseStatuses, Expected, expectedness } from '../domain/codes'
import { parseFinancialYear } from '../domain/financialYear'
import { normaliseNhsNumber } from '../domain/nhsNumber'
import { isUuid } from './userService'
import { truncate } from '../domain/wellFormedText'

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
  /** Keyset paging: the page after (or before) the case with this id, in this order. Opaque; no personal data. */
  after?: string
  before?: string
}

/** Beyond this many cases an unfiltered list says "more than" instead of counting every case on every page. */
export const COUNT_CAP = 10_000

export interface CaseSearchResult {
  rows: Case[]
  /** Exact when `countCapped` is false; otherwise the list holds more than this many. */
  count: number
  countCapped: boolean
  /** Whether a page follows this one. */
  hasNext: boolean
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
    after: isUuid(one('after')) ? one('after') : undefined,
    before: !isUuid(one('after')) && isUuid(one('before')) ? one('before') : undefined,
  }
}

/**
 * The case list: search and filters become indexed WHERE clauses, and only one page of rows is
 * read. A term is a case reference, an NHS number, or part of a name (trigram index).
 */
export default class CaseSearchService {
  constructor(private readonly db: Database) {}

  async search(query: CaseQuery): Promise<CaseSearchResult> {
    const where: WhereOptions<Case>[] = []
    if (query.term) where.push(this.termCondition(query.term))
    if (query.status) where.push({ status: query.status })
    if (query.expected) where.push({ expected: query.expected })
    if (query.category) where.push({ category: Number(query.category) })
    if (query.year) {
      const fy = parseFinancialYear(query.year)!
      where.push({ dateOfDeath: { [Op.between]: [fy.start, fy.end] } })
    }
    const filtered = where.length > 0
    // A merged case is counted nowhere: its survivor stands for it.
    where.push({ status: { [Op.ne]: 'merged' } } as WhereOptions<Case>)
    const column = SORTS[query.sort]
    const Case = this.db.models.Case
    // Keyset: every page is one indexed seek from the case at the edge of the last one, however deep.
    // Without a cursor (a bookmarked ?page=N), or when its case is gone, the page is found by offset.
    const cursorId = query.after ?? query.before
    const anchor = cursorId ? await Case.findByPk(cursorId, { attributes: [column, 'caseRef'] }) : null
    const backwards = Boolean(anchor && query.before)
    const seek = anchor ? [this.seekCondition(column, query.direction, anchor, backwards)] : []
    const flip = (direction: 'ASC' | 'DESC') =>
      backwards ? ({ ASC: 'DESC', DESC: 'ASC' } as const)[direction] : direction
    const [found, count] = await Promise.all([
      Case.findAll({
        where: { [Op.and]: [...where, ...seek] },
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
          [column, flip(query.direction === 'asc' ? 'ASC' : 'DESC')],
          ['caseRef', flip('DESC')],
        ],
        // One more than a page says whether another follows.
        limit: query.pageSize + 1,
        offset: anchor ? 0 : (query.page - 1) * query.pageSize,
      }),
      filtered ? Case.count({ where: { [Op.and]: where } }).then(n => ({ n, capped: false })) : this.cappedCount(),
    ])
    const more = found.length > query.pageSize
    const rows = found.slice(0, query.pageSize)
    if (backwards) rows.reverse()
    return {
      rows,
      count: count.n,
      countCapped: count.capped,
      hasNext: backwards || more,
    }
  }

  /** Counts every case only up to COUNT_CAP (an index-only scan that stops there), so no page counts them all. */
  private async cappedCount(): Promise<{ n: number; capped: boolean }> {
    const [[{ n }]] = (await this.db.sequelize.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases WHERE status <> 'merged' LIMIT ${COUNT_CAP + 1}) first`,
    )) as [[{ n: number }], unknown]
    return n > COUNT_CAP ? { n: COUNT_CAP, capped: true } : { n, capped: false }
  }

  /** The rows after (or, going back, before) `anchor` in the list's order: sort column, then case reference descending. */
  private seekCondition(
    column: (typeof SORTS)[keyof typeof SORTS],
    direction: 'asc' | 'desc',
    anchor: Case,
    backwards: boolean,
  ): WhereOptions<Case> {
    const value = anchor.get(column) as string
    // Forwards in ascending order (or backwards in descending) means larger values of the column.
    const larger = (direction === 'asc') !== backwards
    const onColumn = larger ? Op.gt : Op.lt
    const onRef = backwards ? Op.gt : Op.lt
    const orEqual = onColumn === Op.gt ? Op.gte : Op.lte
    return {
      [Op.and]: [
        { [column]: { [orEqual]: value } }, // the index range; the OR below picks out the rows past the anchor
        { [Op.or]: [{ [column]: { [onColumn]: value } }, { [column]: value, caseRef: { [onRef]: anchor.caseRef } }] },
      ],
    } as WhereOptions<Case>
  }

  private termCondition(term: string): WhereOptions<Case> {
    const digits = normaliseNhsNumber(term)
    if (/^\d{10}$/.test(digits)) return { nhsNumber: digits }
    const lowered = truncate(term.toLowerCase(), 100)
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
