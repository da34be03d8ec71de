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
import type { Release, StatsTable } from '../../../src/domain/statistics/release'
import { releaseFromRecords, type DeathRecord, type ReviewRecord } from './releaseFromRecords'

export const HISTORY_YEARS = ['2013-14', '2014-15', '2015-16', '2016-17', '2017-18', '2018-19']

type Death = DeathRecord
type Review = ReviewRecord

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

export const periodLabel = (first: number, last: number) =>
  first === last ? HISTORY_YEARS[last] : `${HISTORY_YEARS[first]}..${HISTORY_YEARS[last]}`

/** The exact release of years first..last (indexes into HISTORY_YEARS). */
export function exactRelease(history: CaseHistory, first: number, last: number): Release<number> {
  const inPeriod = <T extends { year: number }>(records: T[]) => records.filter(r => r.year >= first && r.year <= last)
  const upTo = <T extends { year: number }>(records: T[]) => records.filter(r => r.year <= last)
  const years = HISTORY_YEARS.slice(first, last + 1).map((_, i) => first + i)
  const perYear = (key: 'notifications' | 'jarStarted') => years.reduce((n, y) => n + history.perYear[y][key], 0)
  return releaseFromRecords({
    financialYear: periodLabel(first, last),
    producedAt: '2020-05-02T09:30:00.000Z',
    years: HISTORY_YEARS,
    lastYear: last,
    deaths: inPeriod(history.deaths),
    reviews: inPeriod(history.reviews),
    trendDeaths: upTo(history.deaths),
    trendReviews: upTo(history.reviews),
    summary: {
      notifications: perYear('notifications'),
      jarStarted: perYear('jarStarted'),
      openAtYearEnd: history.perYear[last].openAtYearEnd,
    },
  })
}

/** Every year's exact single-year tables: what the gate reads spans' true counts from. */
export function yearTablesOf(history: CaseHistory, years = HISTORY_YEARS.length): Map<string, StatsTable<number>[]> {
  return new Map(HISTORY_YEARS.slice(0, years).map((year, i) => [year, exactRelease(history, i, i).tables]))
}
