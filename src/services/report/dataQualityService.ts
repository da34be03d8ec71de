import { QueryTypes } from 'sequelize'
import type { Database } from '../../db'
import { parseFinancialYear } from '../../domain/financialYear'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import { IN_SCOPE, REVIEWED } from '../statistics/sqlExpressions'
import ServiceError from '../serviceError'

export type DataQualityItemCode =
  'ethnicity' | 'local_authority' | 'post_mortem' | 'category' | 'modifiable_factors' | 'agency_reports'

export interface DataQualityCount {
  count: number
  /** The cases, oldest reference first. */
  caseIds: string[]
}

export interface DataQualityItem {
  item: DataQualityItemCode
  label: string
  /** Which of the year's cases the item is counted over. */
  population: 'deaths' | 'reviews'
  missing: DataQualityCount
  /** Null where the item has no "not known" answer. */
  notKnown: DataQualityCount | null
}

export interface DataQualityReport {
  financialYear: string
  /** Deaths in the year (date of death 1 April to 31 March), in scope. */
  deaths: number
  /** Reviews completed in the year (review date in the year, case reviewed). */
  reviews: number
  items: DataQualityItem[]
  /** The reference of every case listed, for links. */
  caseRefs: Record<string, string>
}

interface ItemRule {
  item: DataQualityItemCode
  label: string
  population: 'deaths' | 'reviews'
  missing: string
  notKnown: string | null
}

/**
 * What counts as missing and as "not known" for each key item. Ethnicity "Not stated" (Z) is an
 * answer the family gave, so it is neither. An agency's report is missing when a request was sent
 * and is still awaited (not received, not answered "not involved", not cancelled).
 */
const RULES: ItemRule[] = [
  {
    item: 'ethnicity',
    label: 'Ethnicity',
    population: 'deaths',
    missing: `ethnicity IS NULL OR btrim(ethnicity) = ''`,
    notKnown: `ethnicity = 'not_known'`,
  },
  {
    item: 'local_authority',
    label: 'Local authority of residence',
    population: 'deaths',
    missing: `local_authority IS NULL OR btrim(local_authority) = ''`,
    notKnown: `lower(btrim(local_authority)) IN ('not known', 'unknown')`,
  },
  {
    item: 'post_mortem',
    label: 'Post-mortem',
    population: 'deaths',
    missing: `post_mortem IS NULL`,
    notKnown: null,
  },
  {
    item: 'category',
    label: 'Category of death',
    population: 'reviews',
    missing: `category IS NULL`,
    notKnown: null,
  },
  {
    item: 'modifiable_factors',
    label: 'Modifiable factors',
    population: 'reviews',
    missing: `modifiable_factors IS NULL`,
    notKnown: `modifiable_factors = 'inadequate_information'`,
  },
  {
    item: 'agency_reports',
    label: 'Agencies’ reports (requested, never received)',
    population: 'reviews',
    missing: `EXISTS (SELECT 1 FROM agency_requests q WHERE q.case_id = c.id AND q.status = 'requested')`,
    notKnown: null,
  },
]

const ids = (condition: string) => `coalesce(array_agg(c.id ORDER BY c.case_ref) FILTER (WHERE ${condition}), '{}')`

/** How complete the year's records are, item by item, with the cases to put right. */
export default class DataQualityService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
  ) {}

  async forYear(financialYear: string): Promise<DataQualityReport> {
    const fy = parseFinancialYear(financialYear)
    if (!fy) throw new ServiceError('invalid', 'Enter a financial year such as 2016-17')
    const populations = {
      deaths: `${IN_SCOPE} AND merged_into_id IS NULL AND date_of_death BETWEEN :start AND :end`,
      reviews: `${REVIEWED} AND merged_into_id IS NULL AND review_date BETWEEN :start AND :end`,
    }
    const columns = RULES.flatMap((rule, i) => {
      const base = `(${populations[rule.population]})`
      return [
        `${ids(`${base} AND (${rule.missing})`)} AS m${i}`,
        rule.notKnown ? `${ids(`${base} AND (${rule.notKnown})`)} AS k${i}` : `NULL AS k${i}`,
      ]
    })
    const [row] = (await this.db.sequelize.query(
      `SELECT count(*) FILTER (WHERE ${populations.deaths})::int AS deaths,
              count(*) FILTER (WHERE ${populations.reviews})::int AS reviews,
              ${columns.join(',\n              ')}
         FROM cases c
        WHERE (${populations.deaths}) OR (${populations.reviews})`,
      { replacements: { start: fy.start, end: fy.end }, type: QueryTypes.SELECT },
    )) as Record<string, unknown>[]
    const count = (value: unknown): DataQualityCount => {
      const list = Array.isArray(value) ? value.map(String) : []
      return { count: list.length, caseIds: list }
    }
    const items = RULES.map((rule, i) => ({
      item: rule.item,
      label: rule.label,
      population: rule.population,
      missing: count(row[`m${i}`]),
      notKnown: rule.notKnown ? count(row[`k${i}`]) : null,
    }))
    const listed = [...new Set(items.flatMap(i => [...i.missing.caseIds, ...(i.notKnown?.caseIds ?? [])]))]
    const refs = listed.length
      ? await this.db.models.Case.findAll({ where: { id: listed }, attributes: ['id', 'caseRef'] })
      : []
    return {
      financialYear,
      deaths: Number(row.deaths) || 0,
      reviews: Number(row.reviews) || 0,
      items,
      caseRefs: Object.fromEntries(refs.map(r => [r.id, r.caseRef])),
    }
  }

  /** The same, for the coordinator's page: a list view of cases, audited. */
  async viewForYear(financialYear: string, context: AuditContext): Promise<DataQualityReport> {
    const report = await this.forYear(financialYear)
    await this.auditService.record(context, {
      action: 'data_quality_viewed',
      entityType: 'report',
      entityId: financialYear,
      details: { financialYear, caseIds: Object.keys(report.caseRefs) },
    })
    return report
  }
}
