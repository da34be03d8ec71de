/**
 * A reference implementation of the release's counts in plain TypeScript, over case rows held in
 * memory, using the pure domain functions (ageBand, financialYearOf, reviewDuration, sexGroup,
 * ethnicityGroupOf). The SQL must give exactly the same tables. Test code only: the service never
 * loads case rows.
 */
import { ageBand } from '../../../src/domain/ageBand'
import { ethnicityGroupOf, type Ethnicity, type Sex } from '../../../src/domain/codes'
import { financialYearOf, financialYearRange } from '../../../src/domain/financialYear'
import { reviewDuration } from '../../../src/domain/reviewDuration'
import { sexGroup } from '../../../src/domain/sexGroup'
import { buildTable, type StatsTable } from '../../../src/domain/statistics/release'
import { tableDefinitions } from '../../../src/domain/statistics/tables'
import type { CaseSpec } from './caseRows'

type Counts = Record<string, Record<string, number>>

function add(acc: Counts, row: string, column: string): void {
  acc[row] ??= {}
  acc[row][column] = (acc[row][column] ?? 0) + 1
}

function countBy<T>(items: T[], row: (item: T) => string, column: (item: T) => string): Counts {
  const counts: Counts = {}
  items.forEach(item => add(counts, row(item), column(item)))
  return counts
}

function trendYears(dates: string[], lastYear: string): string[] {
  if (dates.length === 0) return []
  return financialYearRange(financialYearOf([...dates].sort()[0]), lastYear)
}

export function referenceTables(
  cases: CaseSpec[],
  period: { years: string[]; start: string; end: string },
): StatsTable<number>[] {
  const inPeriod = (date: string | null | undefined) => !!date && date >= period.start && date <= period.end
  const upToEnd = (date: string | null | undefined) => !!date && date <= period.end
  const lastYear = period.years[period.years.length - 1]
  const inScope = cases.filter(c => c.status !== 'transferred_out' && c.status !== 'out_of_scope')
  const deaths = inScope.filter(c => inPeriod(c.dod))
  const reviewed = cases.filter(c => c.status === 'reviewed')
  const reviews = reviewed.filter(c => inPeriod(c.reviewDate))
  const withModifiable = reviews.filter(c => c.modifiable)
  const trendDeaths = inScope.filter(c => upToEnd(c.dod))
  const trendReviews = reviewed.filter(c => upToEnd(c.reviewDate) && c.modifiable)

  const sex = (c: CaseSpec) => sexGroup(c.sex as Sex)
  const age = (c: CaseSpec) => ageBand(c.dob, c.dod)
  const ethnicity = (c: CaseSpec) => ethnicityGroupOf[(c.ethnicity ?? 'not_known') as Ethnicity]
  const category = (c: CaseSpec) => `cat_${c.category}`
  const mf = (c: CaseSpec) => c.modifiable ?? ''

  const counts: Record<string, Counts> = {
    summary: {
      notifications: { count: cases.filter(c => inPeriod(c.notifiedAt ?? c.dod)).length },
      deaths: { count: deaths.length },
      unexpected_deaths: { count: deaths.filter(c => c.expected === 'unexpected').length },
      jar_started: { count: inScope.filter(c => inPeriod(c.jarDate)).length },
      reviews_completed: { count: reviews.length },
      open_at_year_end: { count: trendDeaths.filter(c => !upToEnd(c.reviewDate)).length },
    },
    category_by_modifiable: countBy(withModifiable, category, mf),
    category_by_preventability: countBy(
      reviews.filter(c => c.preventability),
      category,
      c => c.preventability ?? '',
    ),
    category_by_sex: countBy(reviews, category, sex),
    age_by_modifiable: countBy(withModifiable, age, mf),
    sex_by_modifiable: countBy(withModifiable, sex, mf),
    ethnicity_by_modifiable: countBy(withModifiable, ethnicity, mf),
    expected_by_modifiable: countBy(withModifiable, c => c.expected, mf),
    review_duration: countBy(
      reviews,
      c => reviewDuration(c.dod, c.reviewDate!),
      () => 'count',
    ),
    deaths_by_age_and_sex: countBy(deaths, age, sex),
    trend_deaths_by_sex: countBy(trendDeaths, c => financialYearOf(c.dod), sex),
    trend_reviews_by_modifiable: countBy(trendReviews, c => financialYearOf(c.reviewDate!), mf),
  }
  const definitions = tableDefinitions({
    deathYears: trendYears(
      trendDeaths.map(c => c.dod),
      lastYear,
    ),
    reviewYears: trendYears(
      trendReviews.map(c => c.reviewDate!),
      lastYear,
    ),
  })
  return definitions.map(def => buildTable(def, counts[def.id]))
}
