/**
 * Random but internally consistent releases for the property tests. Independent random cells would
 * make the shared figures disagree (which suppressRelease rightly refuses), so the tables are
 * aggregated from random records instead, each standing for 1–20 identical deaths or reviews, the
 * way the real statistics are counted.
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
import { buildTable, type Release } from '../../../src/domain/statistics/release'
import { tableDefinitions } from '../../../src/domain/statistics/tables'

export const YEARS = ['2012-13', '2013-14', '2014-15', '2015-16', '2016-17']
const lastYear = YEARS.length - 1

interface DeathRecord {
  year: number
  age: string
  sex: string
  expected: string
  n: number
}

interface ReviewRecord extends DeathRecord {
  category: string
  ethnicity: string
  duration: string
  modifiable: string | null
  preventability: string | null
}

export interface ReleaseData {
  /** Index in YEARS of the first year of the release; the last is always the last of YEARS. */
  firstYear: number
  deaths: DeathRecord[]
  reviews: ReviewRecord[]
  notifications: number
  jarStarted: number
  openAtYearEnd: number
}

const year = fc.integer({ min: 0, max: lastYear })
const multiplicity = fc.integer({ min: 1, max: 20 })
const deathArb = fc.record({
  year,
  age: fc.constantFrom(...ageBands.codes),
  sex: fc.constantFrom(...sexGroups.codes),
  expected: fc.constantFrom(...expectedness.codes),
  n: multiplicity,
})
const modifiable = fc.constantFrom(...modifiableFactorsOutcomes.codes)
const preventability = fc.constantFrom(...preventabilityOutcomes.codes)
// A review carries modifiable_factors, the legacy preventability, or both (data dictionary §3).
const outcome = fc.oneof(
  fc.record({ modifiable, preventability: fc.constant(null) }),
  fc.record({ modifiable: fc.constant(null), preventability }),
  fc.record({ modifiable, preventability }),
)
const reviewArb = fc
  .tuple(
    deathArb,
    fc.record({
      category: fc.constantFrom(...categories.codes),
      ethnicity: fc.constantFrom(...ethnicityGroups.codes),
      duration: fc.constantFrom(...reviewDurations.codes),
    }),
    outcome,
  )
  .map(([death, more, result]) => ({ ...death, ...more, ...result }))

export const releaseDataArb: fc.Arbitrary<ReleaseData> = fc.record({
  firstYear: fc.oneof(fc.constant(lastYear), year),
  deaths: fc.array(deathArb, { maxLength: 20 }),
  reviews: fc.array(reviewArb, { maxLength: 30 }),
  notifications: fc.nat(60),
  jarStarted: fc.nat(30),
  openAtYearEnd: fc.nat(30),
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

/** Years from the earliest with a record up to the last year (empty when there is none). */
function trendYears(records: { year: number }[]): string[] {
  if (records.length === 0) return []
  return YEARS.slice(Math.min(...records.map(r => r.year)))
}

export function financialYearOf(data: ReleaseData): string {
  return data.firstYear === lastYear ? YEARS[lastYear] : `${YEARS[data.firstYear]}..${YEARS[lastYear]}`
}

export function buildRelease(data: ReleaseData): Release<number> {
  const inPeriod = <T extends { year: number }>(records: T[]) => records.filter(r => r.year >= data.firstYear)
  const deaths = inPeriod(data.deaths)
  const reviews = inPeriod(data.reviews)
  const withModifiable = reviews.filter(r => r.modifiable !== null)
  const allWithModifiable = data.reviews.filter(r => r.modifiable !== null)
  const mf = (r: ReviewRecord) => r.modifiable ?? ''

  const counts: Record<string, Counts> = {
    summary: {
      notifications: { count: data.notifications },
      deaths: { count: sum(deaths) },
      unexpected_deaths: { count: sum(deaths.filter(d => d.expected === 'unexpected')) },
      jar_started: { count: data.jarStarted },
      reviews_completed: { count: sum(reviews) },
      open_at_year_end: { count: data.openAtYearEnd },
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
      data.deaths,
      d => YEARS[d.year],
      d => d.sex,
    ),
    trend_reviews_by_modifiable: countBy(allWithModifiable, r => YEARS[r.year], mf),
  }
  const defs = tableDefinitions({ deathYears: trendYears(data.deaths), reviewYears: trendYears(allWithModifiable) })
  return {
    financialYear: financialYearOf(data),
    mode: 'published',
    suppressMax: 5,
    producedAt: '2017-05-02T09:30:00.000Z',
    tables: defs.map(def => buildTable(def, counts[def.id])),
  }
}
