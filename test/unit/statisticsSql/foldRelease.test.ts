import { IncompleteDataError, foldRelease } from '../../../src/services/statistics/foldRelease'
import { REVIEW_SETS, groupingMask, type ReviewRow } from '../../../src/services/statistics/releaseQuery'

const period = { label: '2016-17', years: ['2016-17'], start: '2016-04-01', end: '2017-03-31' }
const meta = { mode: 'unsuppressed' as const, suppressMax: 5, producedAt: '2017-05-01T09:00:00.000Z' }
const empty = { notifications: 0, jarStarted: 0, deathTrend: [], deaths: [], reviewTrend: [], reviews: [] }

const NULLS = {
  category: null,
  modifiable_factors: null,
  preventability: null,
  sex_group: null,
  age_band: null,
  ethnicity_group: null,
  expected: null,
  duration: null,
}

const row = (set: keyof typeof REVIEW_SETS, values: Partial<ReviewRow>, n: number): ReviewRow => ({
  ...NULLS,
  ...values,
  grouping: groupingMask(REVIEW_SETS[set]),
  n,
})

const value = (release: ReturnType<typeof foldRelease>, table: string, r: string, c: string) =>
  release.tables.find(t => t.id === table)!.values[r][c]

describe('groupingMask', () => {
  it('sets a bit for each dimension not grouped, the first dimension highest, as PostgreSQL GROUPING() does', () => {
    expect(groupingMask(['duration'])).toBe(0b11111110)
    expect(groupingMask(['category', 'modifiable_factors'])).toBe(0b00111111)
    expect(new Set(Object.values(REVIEW_SETS).map(groupingMask)).size).toBe(Object.keys(REVIEW_SETS).length)
  })
})

describe('foldRelease', () => {
  it('puts each grouping set into its table, leaving out reviews without the table’s outcome', () => {
    const release = foldRelease(
      {
        ...empty,
        reviews: [
          row('categoryByModifiable', { category: 8, modifiable_factors: 'identified' }, 4),
          row('categoryByModifiable', { category: 8, modifiable_factors: null }, 2),
          row('categoryByPreventability', { category: 8, preventability: 'preventable' }, 2),
          row('categoryByPreventability', { category: 8, preventability: null }, 4),
          row('categoryBySex', { category: 8, sex_group: 'female' }, 6),
          row('ageByModifiable', { age_band: '1_4y', modifiable_factors: 'identified' }, 4),
          row('sexByModifiable', { sex_group: 'female', modifiable_factors: 'identified' }, 4),
          row('ethnicityByModifiable', { ethnicity_group: 'asian', modifiable_factors: 'identified' }, 4),
          row('expectedByModifiable', { expected: 'unexpected', modifiable_factors: 'identified' }, 4),
          row('duration', { duration: '6_to_12_months' }, 6),
        ],
      },
      period,
      meta,
    )
    expect(value(release, 'category_by_modifiable', 'cat_8', 'identified')).toBe(4)
    expect(value(release, 'category_by_modifiable', 'total', 'total')).toBe(4)
    expect(value(release, 'category_by_preventability', 'total', 'total')).toBe(2)
    expect(value(release, 'category_by_sex', 'cat_8', 'female')).toBe(6)
    expect(value(release, 'summary', 'reviews_completed', 'count')).toBe(6)
    expect(value(release, 'review_duration', '6_to_12_months', 'count')).toBe(6)
  })

  it('turns the year-by-year counts into trend rows from the first year with data, other sex as the rest', () => {
    const release = foldRelease(
      {
        ...empty,
        deathTrend: [
          { fy: 2014, total: 0, male: 0, female: 0, open: 0 },
          { fy: 2015, total: 7, male: 3, female: 2, open: 1 },
          { fy: 2016, total: 0, male: 0, female: 0, open: 0 },
        ],
        reviewTrend: [{ fy: 2016, identified: 1, not_identified: 2, inadequate_information: 3 }],
      },
      period,
      meta,
    )
    const trend = release.tables.find(t => t.id === 'trend_deaths_by_sex')!
    expect(trend.rows.map(r => r.code)).toEqual(['2015-16', '2016-17', 'total'])
    expect(trend.values['2015-16']).toEqual({ female: 2, male: 3, other: 2, total: 7 })
    expect(value(release, 'summary', 'open_at_year_end', 'count')).toBe(1)
    expect(release.tables.find(t => t.id === 'trend_reviews_by_modifiable')!.values['2016-17'].total).toBe(6)
  })

  it('refuses reviews without a category, saying how many and what to do', () => {
    expect(() =>
      foldRelease({ ...empty, reviews: [row('categoryBySex', { sex_group: 'male' }, 2)] }, period, meta),
    ).toThrow(
      new IncompleteDataError(
        '2 reviews completed in 2016-17 have no category of death. Record the category before producing the statistics.',
      ),
    )
  })

  it('refuses a code the contract does not list rather than dropping it', () => {
    expect(() => foldRelease({ ...empty, reviews: [row('duration', { duration: 'ages' }, 1)] }, period, meta)).toThrow(
      /no data row ages/,
    )
  })
})
