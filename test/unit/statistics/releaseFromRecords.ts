/**
 * A release counted from records, the way the contract defines each table, shared by the property
 * tests' generators (randomRelease.ts, caseHistory.ts): each record stands for `n` identical deaths
 * or reviews. Deliberately not foldRelease: the tests compare the service against this.
 */
import { buildTable, type Release } from '../../../src/domain/statistics/release'
import { tableDefinitions } from '../../../src/domain/statistics/tables'

export interface DeathRecord {
  year: number
  age: string
  sex: string
  expected: string
  n: number
}

export interface ReviewRecord extends DeathRecord {
  category: string
  ethnicity: string
  duration: string
  modifiable: string | null
  preventability: string | null
}

type Counts = Record<string, Record<string, number>>

function countBy<T extends { n: number }>(records: T[], row: (r: T) => string, col: (r: T) => string): Counts {
  return records.reduce<Counts>((acc, r) => {
    acc[row(r)] ??= {}
    acc[row(r)][col(r)] = (acc[row(r)][col(r)] ?? 0) + r.n
    return acc
  }, {})
}

const sum = (records: { n: number }[]) => records.reduce((total, r) => total + r.n, 0)

export interface RecordsOfRelease {
  financialYear: string
  producedAt: string
  /** Labels of the years records point at by index, and the index of the period's last year. */
  years: readonly string[]
  lastYear: number
  /** The period's deaths and reviews. */
  deaths: DeathRecord[]
  reviews: ReviewRecord[]
  /** Every death and review up to the period's last year, for the trend tables. */
  trendDeaths: DeathRecord[]
  trendReviews: ReviewRecord[]
  summary: { notifications: number; jarStarted: number; openAtYearEnd: number }
}

export function releaseFromRecords(r: RecordsOfRelease): Release<number> {
  const withModifiable = r.reviews.filter(x => x.modifiable !== null)
  const trendModifiable = r.trendReviews.filter(x => x.modifiable !== null)
  const mf = (x: ReviewRecord) => x.modifiable ?? ''
  // From the earliest year with a record up to the period's last year (none when there is no record).
  const trendYears = (records: { year: number }[]) =>
    records.length === 0 ? [] : r.years.slice(Math.min(...records.map(x => x.year)), r.lastYear + 1)
  const counts: Record<string, Counts> = {
    summary: {
      notifications: { count: r.summary.notifications },
      deaths: { count: sum(r.deaths) },
      unexpected_deaths: { count: sum(r.deaths.filter(d => d.expected === 'unexpected')) },
      jar_started: { count: r.summary.jarStarted },
      reviews_completed: { count: sum(r.reviews) },
      open_at_year_end: { count: r.summary.openAtYearEnd },
    },
    category_by_modifiable: countBy(withModifiable, x => `cat_${x.category}`, mf),
    category_by_preventability: countBy(
      r.reviews.filter(x => x.preventability !== null),
      x => `cat_${x.category}`,
      x => x.preventability ?? '',
    ),
    category_by_sex: countBy(
      r.reviews,
      x => `cat_${x.category}`,
      x => x.sex,
    ),
    age_by_modifiable: countBy(withModifiable, x => x.age, mf),
    sex_by_modifiable: countBy(withModifiable, x => x.sex, mf),
    ethnicity_by_modifiable: countBy(withModifiable, x => x.ethnicity, mf),
    expected_by_modifiable: countBy(withModifiable, x => x.expected, mf),
    review_duration: countBy(
      r.reviews,
      x => x.duration,
      () => 'count',
    ),
    deaths_by_age_and_sex: countBy(
      r.deaths,
      d => d.age,
      d => d.sex,
    ),
    trend_deaths_by_sex: countBy(
      r.trendDeaths,
      d => r.years[d.year],
      d => d.sex,
    ),
    trend_reviews_by_modifiable: countBy(trendModifiable, x => r.years[x.year], mf),
  }
  const defs = tableDefinitions({ deathYears: trendYears(r.trendDeaths), reviewYears: trendYears(trendModifiable) })
  return {
    financialYear: r.financialYear,
    mode: 'published',
    suppressMax: 5,
    producedAt: r.producedAt,
    tables: defs.map(def => buildTable(def, counts[def.id] ?? {})),
  }
}
