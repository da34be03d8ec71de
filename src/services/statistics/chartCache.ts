import crypto from 'node:crypto'
import type { Release } from '../../domain/statistics/release'
import { Chart, releaseCharts } from './charts'
import type { NationalComparator } from './nationalComparators'

/** Releases whose charts are kept; each is a few SVGs of some kilobytes. */
export const CHART_CACHE_SIZE = 64

type Draw = typeof releaseCharts

/**
 * The report page's charts, drawn with vega once per version of the data rather than on every
 * request (drawing was two thirds of the page's time). The key is a SHA-256 of everything the charts
 * are drawn from (the release's figures and the comparators), so any change to the data draws them
 * anew and two instances agree without sharing anything. Least recently used releases go first.
 * A draw that fails is not kept.
 */
export function createChartCache(draw: Draw = releaseCharts, size = CHART_CACHE_SIZE) {
  const cache = new Map<string, Promise<Chart[]>>()
  return async (release: Release, comparators: readonly NationalComparator[]): Promise<Chart[]> => {
    const { producedAt: _producedAt, ...content } = release
    const key = crypto
      .createHash('sha256')
      .update(JSON.stringify([content, comparators]))
      .digest('hex')
    let charts = cache.get(key)
    if (charts) {
      cache.delete(key) // move to the most recent end
    } else {
      charts = draw(release, comparators)
      charts.catch(() => cache.delete(key))
    }
    cache.set(key, charts)
    while (cache.size > size) cache.delete(cache.keys().next().value!)
    return charts
  }
}
