/**
 * The table definitions of the annual statistics (shared/spec/statistics.md §2): stable ids, titles,
 * populations and the row and column codes in contract order. Other people's tools read these codes,
 * so they are spelled exactly as the contract spells them and never reordered.
 */
import {
  agencies,
  ageBands,
  categories,
  ethnicityGroups,
  expectedness,
  modifiableFactorsOutcomes,
  preventabilityOutcomes,
  reviewDurations,
  sexGroups,
  type CodeItem,
} from '../codes'
import { startYearOf } from './years'

/** Code of every total row and total column. */
export const TOTAL = 'total'

/** Code of the one column of single-column tables. */
export const COUNT = 'count'

/** Table ids in contract order: every export lists its tables in this order. */
export const TABLE_IDS = [
  'summary',
  'category_by_modifiable',
  'category_by_preventability',
  'category_by_sex',
  'age_by_modifiable',
  'sex_by_modifiable',
  'ethnicity_by_modifiable',
  'expected_by_modifiable',
  'review_duration',
  'deaths_by_age_and_sex',
  'trend_deaths_by_sex',
  'trend_reviews_by_modifiable',
] as const
export type TableId = (typeof TABLE_IDS)[number]

/**
 * Tables added by issue 12 (docs/statistics-tables.md), after the contract's in every release and
 * export. They are not in shared/spec/statistics.md §2, so they are kept apart from TABLE_IDS.
 */
export const EXTENSION_TABLE_IDS = [
  'deaths_by_local_authority_and_sex',
  'reviews_by_local_authority_and_modifiable',
  'review_timeliness',
] as const
export type ExtensionTableId = (typeof EXTENSION_TABLE_IDS)[number]

/** Every table id a release may have, in the order exports list them. */
export const ALL_TABLE_IDS = [...TABLE_IDS, ...EXTENSION_TABLE_IDS] as const
export type AnyTableId = (typeof ALL_TABLE_IDS)[number]

/** Row code of residents of authorities not listed (or none recorded). */
export const OTHER_AUTHORITY_ROW = 'other'

/** The median column of `review_timeliness`: days, not a count, so never part of the linear algebra. */
export const MEDIAN_DAYS = 'median_days'
export const MEDIAN_CASES = 'cases'
/** Fewest cases a median is published over (statistics documentation, review_timeliness). */
export const MIN_MEDIAN_CASES = 10

/** The `*_by_modifiable` tables: one population, so one shared totals row (statistics.md §3 rule 3). */
export const MODIFIABLE_TABLE_IDS = [
  'category_by_modifiable',
  'age_by_modifiable',
  'sex_by_modifiable',
  'ethnicity_by_modifiable',
  'expected_by_modifiable',
] as const satisfies readonly TableId[]

export interface TableDefinition {
  id: TableId | ExtensionTableId
  title: string
  population: string
  rows: CodeItem[]
  columns: CodeItem[]
}

// Every definition gets fresh row and column objects, so a caller that relabels one table cannot change another.
function withTotal(items: readonly CodeItem[]): CodeItem[] {
  return [...items.map(({ code, label }) => ({ code, label })), { code: TOTAL, label: 'Total' }]
}
const countColumn = (): CodeItem[] => [{ code: COUNT, label: 'Count' }]

// Category codes are '1'…'10' in the data dictionary; the statistics prefix them so a row code is never a bare number.
const categoryRows = () => withTotal(categories.items.map(({ code, label }) => ({ code: `cat_${code}`, label })))
const modifiableColumns = () => withTotal(modifiableFactorsOutcomes.items)
const reviewsWithModifiable = 'Reviews completed in the year with modifiable factors recorded'

/**
 * Rows of a trend table: one per financial year given, then the total. The contract lists every year
 * from the first up to the last, empty ones included, so anything else is refused rather than
 * published with a gap or a duplicate row code.
 */
export function trendRows(years: readonly string[]): CodeItem[] {
  years.forEach((year, i) => {
    const start = startYearOf(year)
    if (start === null) throw new RangeError(`Not a financial year: ${year}`)
    if (i > 0 && start !== (startYearOf(years[i - 1]) ?? NaN) + 1) {
      throw new RangeError(`Trend years must be consecutive, oldest first: ${years[i - 1]} then ${year}`)
    }
  })
  return withTotal(years.map(year => ({ code: year, label: year })))
}

export function summaryDefinition(): TableDefinition {
  return {
    id: 'summary',
    title: 'Summary',
    population: 'See each row',
    // No total row: the rows are different populations, so adding them up would mean nothing.
    rows: [
      { code: 'notifications', label: 'Notifications' },
      { code: 'deaths', label: 'Deaths' },
      { code: 'unexpected_deaths', label: 'Unexpected deaths' },
      { code: 'jar_started', label: 'Joint agency responses started' },
      { code: 'reviews_completed', label: 'Reviews completed' },
      { code: 'open_at_year_end', label: 'Open at year end' },
    ],
    columns: countColumn(),
  }
}

export function categoryByModifiableDefinition(): TableDefinition {
  return {
    id: 'category_by_modifiable',
    title: 'Reviews completed by category of death and modifiable factors',
    population: reviewsWithModifiable,
    rows: categoryRows(),
    columns: modifiableColumns(),
  }
}

export function categoryByPreventabilityDefinition(): TableDefinition {
  return {
    id: 'category_by_preventability',
    title: 'Reviews completed by category of death and preventability (legacy)',
    population: 'Reviews completed in the year with a legacy preventability recorded',
    rows: categoryRows(),
    columns: withTotal(preventabilityOutcomes.items),
  }
}

export function categoryBySexDefinition(): TableDefinition {
  return {
    id: 'category_by_sex',
    title: 'Reviews completed by category of death and sex',
    population: 'Reviews completed in the year',
    rows: categoryRows(),
    columns: withTotal(sexGroups.items),
  }
}

export function ageByModifiableDefinition(): TableDefinition {
  return {
    id: 'age_by_modifiable',
    title: 'Reviews completed by age at death and modifiable factors',
    population: reviewsWithModifiable,
    rows: withTotal(ageBands.items),
    columns: modifiableColumns(),
  }
}

export function sexByModifiableDefinition(): TableDefinition {
  return {
    id: 'sex_by_modifiable',
    title: 'Reviews completed by sex and modifiable factors',
    population: reviewsWithModifiable,
    rows: withTotal(sexGroups.items),
    columns: modifiableColumns(),
  }
}

export function ethnicityByModifiableDefinition(): TableDefinition {
  return {
    id: 'ethnicity_by_modifiable',
    title: 'Reviews completed by ethnic group and modifiable factors',
    population: reviewsWithModifiable,
    rows: withTotal(ethnicityGroups.items),
    columns: modifiableColumns(),
  }
}

export function expectedByModifiableDefinition(): TableDefinition {
  return {
    id: 'expected_by_modifiable',
    title: 'Reviews completed by whether the death was expected and modifiable factors',
    population: reviewsWithModifiable,
    rows: withTotal(expectedness.items),
    columns: modifiableColumns(),
  }
}

export function reviewDurationDefinition(): TableDefinition {
  return {
    id: 'review_duration',
    title: 'Reviews completed by time from death to review',
    population: 'Reviews completed in the year',
    rows: withTotal(reviewDurations.items),
    columns: countColumn(),
  }
}

export function deathsByAgeAndSexDefinition(): TableDefinition {
  return {
    id: 'deaths_by_age_and_sex',
    title: 'Deaths by age and sex',
    population: 'Deaths in the year',
    rows: withTotal(ageBands.items),
    columns: withTotal(sexGroups.items),
  }
}

/** `deathYears`: every financial year from the earliest with a death up to the release's last year. */
export function trendDeathsBySexDefinition(deathYears: readonly string[]): TableDefinition {
  return {
    id: 'trend_deaths_by_sex',
    title: 'Deaths by sex and financial year',
    population: 'Deaths in each financial year',
    rows: trendRows(deathYears),
    // Female first: the contract orders this table's columns differently from the other sex tables.
    columns: withTotal(['female', 'male', 'other'].map(code => ({ code, label: sexGroups.label(code) }))),
  }
}

/** `reviewYears`: every financial year from the earliest with such a review up to the release's last year. */
export function trendReviewsByModifiableDefinition(reviewYears: readonly string[]): TableDefinition {
  return {
    id: 'trend_reviews_by_modifiable',
    title: 'Reviews completed by modifiable factors and financial year',
    population: 'Reviews completed in each financial year with modifiable factors recorded',
    rows: trendRows(reviewYears),
    columns: modifiableColumns(),
  }
}

/** Every table of a release, in contract order; only the trend tables' rows depend on the data. */
export function tableDefinitions(trendYears: {
  deathYears: readonly string[]
  reviewYears: readonly string[]
}): TableDefinition[] {
  return [
    summaryDefinition(),
    categoryByModifiableDefinition(),
    categoryByPreventabilityDefinition(),
    categoryBySexDefinition(),
    ageByModifiableDefinition(),
    sexByModifiableDefinition(),
    ethnicityByModifiableDefinition(),
    expectedByModifiableDefinition(),
    reviewDurationDefinition(),
    deathsByAgeAndSexDefinition(),
    trendDeathsBySexDefinition(trendYears.deathYears),
    trendReviewsByModifiableDefinition(trendYears.reviewYears),
  ]
}

/** A listed authority as a row of the authority tables: its stable code and its name. */
export interface AuthorityRow {
  code: string
  label: string
}

const authorityRows = (authorities: readonly AuthorityRow[]) =>
  withTotal([...authorities, { code: OTHER_AUTHORITY_ROW, label: 'Other or not recorded' }])

export function deathsByLocalAuthorityAndSexDefinition(authorities: readonly AuthorityRow[]): TableDefinition {
  return {
    id: 'deaths_by_local_authority_and_sex',
    title: 'Deaths by local authority of residence and sex',
    population: 'Deaths in the year',
    rows: authorityRows(authorities),
    columns: withTotal(['female', 'male', 'other'].map(code => ({ code, label: sexGroups.label(code) }))),
  }
}

export function reviewsByLocalAuthorityAndModifiableDefinition(authorities: readonly AuthorityRow[]): TableDefinition {
  return {
    id: 'reviews_by_local_authority_and_modifiable',
    title: 'Reviews completed by local authority of residence and modifiable factors',
    population: reviewsWithModifiable,
    rows: authorityRows(authorities),
    columns: modifiableColumns(),
  }
}

/** Row code of the time from an agency's request to its report. */
export const requestToReportRow = (agency: string) => `request_to_report_${agency}`

export function reviewTimelinessDefinition(): TableDefinition {
  return {
    id: 'review_timeliness',
    title: 'Time taken: median days, and the number of cases behind each median',
    population: 'See each row',
    // No total row or column: the rows are different populations, and medians do not add up.
    rows: [
      { code: 'death_to_review', label: 'From death to review (reviews completed in the year)' },
      { code: 'notification_to_review', label: 'From notification to review (reviews completed in the year)' },
      ...agencies.items.map(({ code, label }) => ({
        code: requestToReportRow(code),
        label: `From request to report: ${label} (reports received in the year)`,
      })),
    ],
    columns: [
      { code: MEDIAN_DAYS, label: 'Median days' },
      { code: MEDIAN_CASES, label: 'Cases' },
    ],
  }
}

/**
 * The tables issue 12 adds, after the contract's. A release for one local authority has no
 * authority tables (every figure would be its own row's), only `review_timeliness`.
 */
export function extensionDefinitions(authorities: readonly AuthorityRow[], forOneAuthority = false): TableDefinition[] {
  return [
    ...(forOneAuthority
      ? []
      : [
          deathsByLocalAuthorityAndSexDefinition(authorities),
          reviewsByLocalAuthorityAndModifiableDefinition(authorities),
        ]),
    reviewTimelinessDefinition(),
  ]
}

/** Tables sorted into contract order (any id the contract does not know goes last, in its given order). */
export function inContractOrder<T extends { id: string }>(tables: readonly T[]): T[] {
  const rank = (id: string) => {
    const index = (ALL_TABLE_IDS as readonly string[]).indexOf(id)
    return index === -1 ? ALL_TABLE_IDS.length : index
  }
  return [...tables].sort((a, b) => rank(a.id) - rank(b.id))
}
