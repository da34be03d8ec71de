import fc from 'fast-check'
import type { Release } from '../../../src/domain/statistics/release'
import { suppressRelease } from '../../../src/domain/statistics/suppression'
import {
  ALL_SUPPRESSED_NOTE,
  hasFiniteSize,
  NO_FIGURES_NOTE,
  noteSvg,
  releaseCharts,
  svgSize,
} from '../../../src/services/statistics/charts'
import { buildRelease, releaseDataArb, type ReleaseData } from '../statistics/randomRelease'

const CHARTS = [
  'category_by_modifiable',
  'review_duration',
  'deaths_by_age_and_sex',
  'trend_deaths_by_sex',
  'trend_reviews_by_modifiable',
]

/** Every chart's root element has a finite, positive size and a finite view box. */
function expectFinite(svg: string, tableId: string) {
  const size = svgSize(svg)
  expect({ tableId, ...size, finite: hasFiniteSize(svg) }).toEqual({
    tableId,
    width: expect.any(Number),
    height: expect.any(Number),
    viewBox: [0, 0, size.width, size.height],
    finite: true,
  })
  expect(svg).not.toMatch(/Infinity|NaN|e\+308/)
}

const nothing: ReleaseData = {
  firstYear: 4,
  deaths: [],
  reviews: [],
  notifications: 0,
  jarStarted: 0,
  openAtYearEnd: 0,
}
// Every review and death counted once: every figure from 1 to 5 is suppressed in the published release.
const smallNumbers: ReleaseData = {
  firstYear: 2,
  deaths: [{ year: 4, age: '1_4y', sex: 'male', expected: 'unexpected', n: 2 }],
  reviews: [
    {
      year: 4,
      age: '1_4y',
      sex: 'male',
      expected: 'unexpected',
      n: 2,
      category: '5',
      ethnicity: 'white',
      duration: 'under_6_months',
      modifiable: 'identified',
      preventability: null,
    },
  ],
  notifications: 2,
  jarStarted: 1,
  openAtYearEnd: 0,
}

describe('the report’s charts have finite sizes', () => {
  it('for a year with no figures: every chart a note, the table still follows', async () => {
    const charts = await releaseCharts(buildRelease(nothing) as unknown as Release, [])
    expect(charts.map(c => c.tableId)).toEqual(CHARTS)
    charts.forEach(c => expectFinite(c.svg, c.tableId))
    // The trend charts used to come out as height="Infinity", so the report showed nothing.
    expect(charts.map(c => c.note)).toEqual(CHARTS.map(() => NO_FIGURES_NOTE))
  })

  it('when every figure is suppressed: a note saying so instead of an empty axis', async () => {
    const published = suppressRelease(buildRelease(smallNumbers), 5)
    const charts = await releaseCharts(published, [])
    charts.forEach(c => expectFinite(c.svg, c.tableId))
    const byId = Object.fromEntries(charts.map(c => [c.tableId, c]))
    expect(byId.category_by_modifiable.note).toBe(ALL_SUPPRESSED_NOTE)
    expect(byId.review_duration.note).toBe(ALL_SUPPRESSED_NOTE)
    expect(byId.trend_reviews_by_modifiable.note).toBe(ALL_SUPPRESSED_NOTE)
    expect(byId.category_by_modifiable.svg).toContain('All figures in this chart are suppressed')
    expect(byId.category_by_modifiable.svg).not.toContain('aria-hidden')
    // Unsuppressed, the same figures are drawn.
    const unsuppressed = await releaseCharts({ ...buildRelease(smallNumbers), mode: 'unsuppressed' } as Release, [])
    expect(unsuppressed.find(c => c.tableId === 'category_by_modifiable')!.note).toBeNull()
    unsuppressed.forEach(c => expectFinite(c.svg, c.tableId))
  })

  it('for random releases, published and unsuppressed', async () => {
    for (const data of fc.sample(releaseDataArb, { numRuns: 3, seed: 20261201 })) {
      for (const release of [buildRelease(data) as unknown as Release, suppressRelease(buildRelease(data), 5)]) {
        const charts = await releaseCharts(release, [])
        expect(charts).toHaveLength(CHARTS.length)
        charts.forEach(c => expectFinite(c.svg, c.tableId))
      }
    }
  }, 60_000)

  it('draws the same SVG from the same data (a pure function, safe to cache)', async () => {
    const release = suppressRelease(buildRelease(smallNumbers), 5)
    expect(await releaseCharts(release, [])).toEqual(await releaseCharts(release, []))
  })
})

describe('noteSvg', () => {
  it('wraps the note, escapes it, and has a fixed finite size', () => {
    const svg = noteSvg('A <note> & "quotes" '.repeat(6))
    expect(hasFiniteSize(svg)).toBe(true)
    expect(svg).not.toContain('<note>')
    expect(svg).toContain('&lt;note&gt; &amp; &quot;quotes&quot;')
    expect((svg.match(/<tspan/g) ?? []).length).toBeGreaterThan(1)
  })

  it('is refused as a size when infinite or missing', () => {
    expect(hasFiniteSize('<svg width="1.7976931348623157e+308" height="Infinity" viewBox="0 0 1 Infinity">')).toBe(
      false,
    )
    expect(hasFiniteSize('<svg viewBox="0 0 10 10">')).toBe(false)
    expect(hasFiniteSize('<svg width="10" height="10" viewBox="0 0 10 10">')).toBe(true)
  })
})
