/**
 * Turns the grouped counts of one statement into the contract's tables. Pure: no database, so the
 * folding is tested on its own and the only thing the SQL must get right is the counting.
 * `buildTable` adds up every total and refuses any row or column code the contract does not list,
 * so an unexpected code in the data stops the release instead of vanishing from it.
 */
import { modifiableFactorsOutcomes } from '../../domain/codes'
import { financialYearLabel, financialYearRange } from '../../domain/financialYear'
import { buildTable, type DataCounts, type Release } from '../../domain/statistics/release'
import {
  COUNT,
  MEDIAN_CASES,
  MEDIAN_DAYS,
  OTHER_AUTHORITY_ROW,
  extensionDefinitions,
  tableDefinitions,
  type AnyTableId,
  type AuthorityRow,
  type TableId,
} from '../../domain/statistics/tables'
import {
  REVIEW_SETS,
  groupingMask,
  type ExtensionCounts,
  type ReleaseCounts,
  type ReviewRow,
  type ReviewSet,
} from './releaseQuery'

type Counts = Record<string, Record<string, number>>

export interface ReleasePeriod {
  /** `2016-17`, or `2014-15..2016-17` when pooled. */
  label: string
  /** Every financial year of the period, oldest first; the last is year Y. */
  years: string[]
  /** 1 April of the first year. */
  start: string
  /** 31 March at the end of the last year. */
  end: string
}

/** A release cannot be made from the data as it stands (a person has to fix a case first). */
export class IncompleteDataError extends Error {}

function add(acc: Counts, row: string, column: string, n: number): void {
  acc[row] ??= {}
  acc[row][column] = (acc[row][column] ?? 0) + n
}

/** Years from the earliest with a count up to the period's last year; none when there is no count. */
function trendYears(rows: { fy: number; total: number }[], lastYear: string): string[] {
  const starts = rows.filter(r => r.total > 0).map(r => r.fy)
  if (starts.length === 0) return []
  return financialYearRange(financialYearLabel(Math.min(...starts)), lastYear)
}

const cat = (category: ReviewRow['category']) => `cat_${category}`

/** Where each grouping set's cells go: table, row code, column code; rows without a recorded outcome are left out. */
const REVIEW_CELLS: Record<ReviewSet, { table: TableId; cell: (r: ReviewRow) => [string, string] | null }> = {
  categoryByModifiable: {
    table: 'category_by_modifiable',
    cell: r => (r.modifiable_factors === null ? null : [cat(r.category), String(r.modifiable_factors)]),
  },
  // Legacy-only reviews are counted here, and a review may carry both outcomes (data dictionary §3).
  categoryByPreventability: {
    table: 'category_by_preventability',
    cell: r => (r.preventability === null ? null : [cat(r.category), String(r.preventability)]),
  },
  categoryBySex: { table: 'category_by_sex', cell: r => [cat(r.category), String(r.sex_group)] },
  ageByModifiable: {
    table: 'age_by_modifiable',
    cell: r => (r.modifiable_factors === null ? null : [String(r.age_band), String(r.modifiable_factors)]),
  },
  sexByModifiable: {
    table: 'sex_by_modifiable',
    cell: r => (r.modifiable_factors === null ? null : [String(r.sex_group), String(r.modifiable_factors)]),
  },
  ethnicityByModifiable: {
    table: 'ethnicity_by_modifiable',
    cell: r => (r.modifiable_factors === null ? null : [String(r.ethnicity_group), String(r.modifiable_factors)]),
  },
  expectedByModifiable: {
    table: 'expected_by_modifiable',
    cell: r => (r.modifiable_factors === null ? null : [String(r.expected), String(r.modifiable_factors)]),
  },
  duration: { table: 'review_duration', cell: r => [String(r.duration), COUNT] },
}

/**
 * What the release is of: the authorities listed (as the authority tables' rows) and, for a
 * release of one authority, its name. Counts without the added tables' figures (from before
 * issue 12) fold into the contract's tables alone.
 */
export interface FoldScope {
  authorities: readonly AuthorityRow[]
  localAuthority?: string
  /** Counts of one group of residents that is no listed authority (for the check across releases only). */
  oneGroup?: boolean
}

export function foldRelease(
  counts: ReleaseCounts & Partial<ExtensionCounts>,
  period: ReleasePeriod,
  meta: { mode: Release['mode']; suppressMax: number; producedAt: string },
  scope: FoldScope = { authorities: [] },
): Release<number> {
  const lastYear = period.years[period.years.length - 1]
  const tables: Partial<Record<AnyTableId, Counts>> = {}
  const table = (id: TableId): Counts => (tables[id] ??= {})

  const setByMask = new Map(
    Object.entries(REVIEW_SETS).map(([set, dimensions]) => [groupingMask(dimensions), set as ReviewSet]),
  )
  counts.reviews.forEach(row => {
    const set = setByMask.get(row.grouping)
    if (!set) throw new Error(`Unexpected grouping set ${row.grouping} in the review counts`)
    if (set.startsWith('category') && row.category === null) {
      // Every table of reviews must count the same reviews, and a review's category has no "not recorded" row.
      throw new IncompleteDataError(
        `${row.n} review${row.n === 1 ? '' : 's'} completed in ${period.label} ${row.n === 1 ? 'has' : 'have'} ` +
          'no category of death. Record the category before producing the statistics.',
      )
    }
    const cell = REVIEW_CELLS[set].cell(row)
    if (cell) add(table(REVIEW_CELLS[set].table), cell[0], cell[1], row.n)
  })

  let deaths = 0
  let unexpected = 0
  counts.deaths.forEach(row => {
    add(table('deaths_by_age_and_sex'), row.age_band, row.sex_group, row.n)
    deaths += row.n
    if (row.expected === 'unexpected') unexpected += row.n
  })

  // Years with nothing to count add nothing: buildTable fills every listed cell with 0 anyway.
  let openAtYearEnd = 0
  counts.deathTrend
    .filter(row => row.total > 0)
    .forEach(row => {
      const year = financialYearLabel(row.fy)
      add(table('trend_deaths_by_sex'), year, 'male', row.male)
      add(table('trend_deaths_by_sex'), year, 'female', row.female)
      // Indeterminate and not known: the sex group other (data dictionary §8).
      add(table('trend_deaths_by_sex'), year, 'other', row.total - row.male - row.female)
      openAtYearEnd += row.open
    })
  counts.reviewTrend
    .filter(row => row.identified + row.not_identified + row.inadequate_information > 0)
    .forEach(row => {
      const year = financialYearLabel(row.fy)
      modifiableFactorsOutcomes.codes.forEach(code => add(table('trend_reviews_by_modifiable'), year, code, row[code]))
    })

  const reviewsCompleted = Object.values(table('review_duration')).reduce((sum, r) => sum + (r[COUNT] ?? 0), 0)
  tables.summary = {
    notifications: { [COUNT]: counts.notifications },
    deaths: { [COUNT]: deaths },
    unexpected_deaths: { [COUNT]: unexpected },
    jar_started: { [COUNT]: counts.jarStarted },
    reviews_completed: { [COUNT]: reviewsCompleted },
    open_at_year_end: { [COUNT]: openAtYearEnd },
  }

  const definitions = tableDefinitions({
    deathYears: trendYears(counts.deathTrend, lastYear),
    reviewYears: trendYears(
      counts.reviewTrend.map(r => ({ fy: r.fy, total: r.identified + r.not_identified + r.inadequate_information })),
      lastYear,
    ),
  })
  const withExtension = counts.deathsByAuthority !== undefined
  if (withExtension) {
    const rowOf = (la: number | null) => (la === null ? OTHER_AUTHORITY_ROW : scope.authorities[la - 1].code)
    const byAuthority = (tables.deaths_by_local_authority_and_sex = {})
    ;(counts.deathsByAuthority ?? []).forEach(r => add(byAuthority, rowOf(r.la), r.code, r.n))
    const reviewsByAuthority = (tables.reviews_by_local_authority_and_modifiable = {})
    ;(counts.reviewsByAuthority ?? []).forEach(r => add(reviewsByAuthority, rowOf(r.la), r.code, r.n))
    // A median over no case is 0, beside its 0 cases; published mode never shows a median over fewer than 10.
    const timeliness = (tables.review_timeliness = {})
    ;(counts.timeliness ?? []).forEach(r => {
      add(timeliness, r.row, MEDIAN_CASES, r.cases)
      add(timeliness, r.row, MEDIAN_DAYS, r.cases > 0 ? Number(r.median ?? 0) : 0)
    })
  }
  const allDefinitions = withExtension
    ? [
        ...definitions,
        ...extensionDefinitions(scope.authorities, scope.localAuthority !== undefined || scope.oneGroup === true),
      ]
    : definitions
  return {
    financialYear: period.label,
    ...(scope.localAuthority !== undefined ? { localAuthority: scope.localAuthority } : {}),
    mode: meta.mode,
    suppressMax: meta.suppressMax,
    producedAt: meta.producedAt,
    tables: allDefinitions.map(def => buildTable(def, (tables[def.id] ?? {}) as DataCounts)),
  }
}
