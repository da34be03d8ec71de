/**
 * Random case histories over a few financial years, and the exact release of any period of them,
 * built by counting records (not through foldRelease or the gate), the way the contract defines
 * each table: non-trend tables count the period's years, the trend tables every year up to the
 * last, `open_at_year_end` is a snapshot at the end of the last year.
 */
import fc from 'fast-check'
import {
  ageBands,
  categories,
  ethnicityGroups,
  expectedness,
  modifiableFactorsOutcomes,
  preventabilityOutcomes,
  reviewDurations,
  sexGroups,
} from '../../../src/domain/codes'
import { buildTable, type Release, type StatsTable } from '../../../src/domain/statistics/release'
import { tableDefinitions } from '../../../src/domain/statistics/tables'

export const HISTORY_YEARS = ['2013-14', '2014-15', '2015-16', '2016-17', '2017-18', '2018-19']

interface Death {
  year: number
  age: string
  sex: string
  expected: string
  n: number
}

interface Review extends Death {
  category: string
  ethnicity: string
  duration: string
  modifiable: string | null
  preventability: string | null
}

export interface CaseHistory {
  deaths: Death[]
  reviews: Review[]
  /** Per year: notifications, JARs started, open at the end of that year. */
  perYear: { notifications: number; jarStarted: number; openAtYearEnd: number }[]
}

// Few codes per dimension, so small counts, lines and zeros all occur often.
const deathArb = (years: number) =>
  fc.record({
    year: fc.integer({ min: 0, max: years - 1 }),
    age: fc.constantFrom(...ageBands.codes.slice(0, 3)),
    sex: fc.constantFrom(...sexGroups.codes),
    expected: fc.constantFrom(...expectedness.codes),
    n: fc.integer({ min: 1, max: 9 }),
  })

const reviewArb = (years: number) =>
  fc
    .tuple(
      deathArb(years),
      fc.record({
        category: fc.constantFrom(...categories.codes.slice(0, 3)),
        ethnicity: fc.constantFrom(...ethnicityGroups.codes.slice(0, 2)),
        duration: fc.constantFrom(...reviewDurations.codes),
      }),
      fc.oneof(
        fc.record({
          modifiable: fc.constantFrom(...modifiableFactorsOutcomes.codes),
          preventability: fc.constant(null),
        }),
        fc.record({
          modifiable: fc.constantFrom(...modifiableFactorsOutcomes.codes),
          preventability: fc.constantFrom(...preventabilityOutcomes.codes),
        }),
      ),
    )
    .map(([d, more, outcome]) => ({ ...d, ...more, ...outcome }))

export const caseHistoryArb = (years = HISTORY_YEARS.length): fc.Arbitrary<CaseHistory> =>
  fc.record({
    deaths: fc.array(deathArb(years), { minLength: 1, maxLength: 12 }),
    reviews: fc.array(reviewArb(years), { minLength: 1, maxLength: 14 }),
    perYear: fc.array(fc.record({ notifications: fc.nat(12), jarStarted: fc.nat(8), openAtYearEnd: fc.nat(8) }), {
      minLength: years,
      maxLength: years,
    }),
  })

type Counts = Record<string, Record<string, number>>

function countBy<T extends { n: number }>(records: T[], row: (r: T) => string, col: (r: T) => string): Counts {
  return records.reduce<Counts>((acc, r) => {
    acc[row(r)] ??= {}
    acc[row(r)][col(r)] = (acc[row(r)][col(r)] ?? 0) + r.n
    return acc
  }, {})
}

const sum = (records: { n: number }[]) => records.reduce((total, r) => total + r.n, 0)

export const periodLabel = (first: number, last: number) =>
  first === last ? HISTORY_YEARS[last] : `${HISTORY_YEARS[first]}..${HISTORY_YEARS[last]}`

/** The exact release of years first..last (indexes into HISTORY_YEARS). */
export function exactRelease(history: CaseHistory, first: number, last: number): Release<number> {
  const inPeriod = <T extends { year: number }>(records: T[]) => records.filter(r => r.year >= first && r.year <= last)
  const upTo = <T extends { year: number }>(records: T[]) => records.filter(r => r.year <= last)
  const deaths = inPeriod(history.deaths)
  const reviews = inPeriod(history.reviews)
  const withModifiable = reviews.filter(r => r.modifiable !== null)
  const trendDeaths = upTo(history.deaths)
  const trendReviews = upTo(history.reviews).filter(r => r.modifiable !== null)
  const mf = (r: Review) => r.modifiable ?? ''
  const years = HISTORY_YEARS.slice(first, last + 1).map((_, i) => first + i)
  const perYear = (key: 'notifications' | 'jarStarted') => years.reduce((n, y) => n + history.perYear[y][key], 0)
  const trendYears = (records: { year: number }[]) =>
    records.length === 0 ? [] : HISTORY_YEARS.slice(Math.min(...records.map(r => r.year)), last + 1)

  const counts: Record<string, Counts> = {
    summary: {
      notifications: { count: perYear('notifications') },
      deaths: { count: sum(deaths) },
      unexpected_deaths: { count: sum(deaths.filter(d => d.expected === 'unexpected')) },
      jar_started: { count: perYear('jarStarted') },
      reviews_completed: { count: sum(reviews) },
      open_at_year_end: { count: history.perYear[last].openAtYearEnd },
    },
    category_by_modifiable: countBy(withModifiable, r => `cat_${r.category}`, mf),
    category_by_preventability: countBy(
      reviews.filter(r => r.preventability !== null),
      r => `cat_${r.category}`,
      r => r.preventability ?? '',
    ),
    category_by_sex: countBy(
      reviews,
      r => `cat_${r.category}`,
      r => r.sex,
    ),
    age_by_modifiable: countBy(withModifiable, r => r.age, mf),
    sex_by_modifiable: countBy(withModifiable, r => r.sex, mf),
    ethnicity_by_modifiable: countBy(withModifiable, r => r.ethnicity, mf),
    expected_by_modifiable: countBy(withModifiable, r => r.expected, mf),
    review_duration: countBy(
      reviews,
      r => r.duration,
      () => 'count',
    ),
    deaths_by_age_and_sex: countBy(
      deaths,
      d => d.age,
      d => d.sex,
    ),
    trend_deaths_by_sex: countBy(
      trendDeaths,
      d => HISTORY_YEARS[d.year],
      d => d.sex,
    ),
    trend_reviews_by_modifiable: countBy(trendReviews, r => HISTORY_YEARS[r.year], mf),
  }
  const defs = tableDefinitions({ deathYears: trendYears(trendDeaths), reviewYears: trendYears(trendReviews) })
  return {
    financialYear: periodLabel(first, last),
    mode: 'published',
    suppressMax: 5,
    producedAt: '2020-05-02T09:30:00.000Z',
    tables: defs.map(def => buildTable(def, counts[def.id] ?? {})),
  }
}

/** Every year's exact single-year tables: what the gate reads spans' true counts from. */
export function yearTablesOf(history: CaseHistory, years = HISTORY_YEARS.length): Map<string, StatsTable<number>[]> {
  return new Map(HISTORY_YEARS.slice(0, years).map((year, i) => [year, exactRelease(history, i, i).tables]))
}
