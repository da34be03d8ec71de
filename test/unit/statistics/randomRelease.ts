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
import type { Release } from '../../../src/domain/statistics/release'
import { releaseFromRecords, type DeathRecord, type ReviewRecord } from './releaseFromRecords'

export const YEARS = ['2012-13', '2013-14', '2014-15', '2015-16', '2016-17']
const lastYear = YEARS.length - 1

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

export function financialYearOf(data: ReleaseData): string {
  return data.firstYear === lastYear ? YEARS[lastYear] : `${YEARS[data.firstYear]}..${YEARS[lastYear]}`
}

export function buildRelease(data: ReleaseData): Release<number> {
  const inPeriod = <T extends { year: number }>(records: T[]) => records.filter(r => r.year >= data.firstYear)
  return releaseFromRecords({
    financialYear: financialYearOf(data),
    producedAt: '2017-05-02T09:30:00.000Z',
    years: YEARS,
    lastYear,
    deaths: inPeriod(data.deaths),
    reviews: inPeriod(data.reviews),
    trendDeaths: data.deaths,
    trendReviews: data.reviews,
    summary: { notifications: data.notifications, jarStarted: data.jarStarted, openAtYearEnd: data.openAtYearEnd },
  })
}
