/**
 * Which periods may be published (statistics.md §5): any single financial year once it has ended,
 * and pooled periods only as windows of a fixed, non-overlapping grid an administrator sets (for
 * example three-year windows from 2008-09), once the window has ended. Nested and overlapping pools,
 * the easiest way to difference releases, then never arise; the exact check across releases
 * (crossReleaseGate.ts) deals with everything else.
 */
import { startYearOf, yearsOf } from './years'

/** Pooled windows: `length` consecutive years, the first starting in `startYear` (2008 for 2008-09). */
export interface PoolGrid {
  startYear: number
  length: number
}

export const DEFAULT_POOL_GRID: PoolGrid = Object.freeze({ startYear: 2008, length: 3 })
export const MIN_POOL_LENGTH = 2
export const MAX_POOL_LENGTH = 10

const yearCode = (start: number) => `${String(start).padStart(4, '0')}-${String((start + 1) % 100).padStart(2, '0')}`

/** The period code of a grid window that starts in `start`. */
export const windowCode = (grid: PoolGrid, start: number) => `${yearCode(start)}..${yearCode(start + grid.length - 1)}`

export type PeriodCheck = { ok: true } | { ok: false; reason: string; alternatives: string[] }

/** Whether a grid can be walked: a four-digit first year and a length the calendar allows. */
export function isValidGrid(grid: PoolGrid): boolean {
  return (
    Number.isInteger(grid.startYear) &&
    grid.startYear >= 1000 &&
    grid.startYear <= 9999 &&
    Number.isInteger(grid.length) &&
    grid.length >= MIN_POOL_LENGTH &&
    grid.length <= MAX_POOL_LENGTH
  )
}

/**
 * The grid windows that have ended by `currentYear` (a financial year code), latest first. A grid
 * that cannot be walked (a length below one would never reach the current year) is refused rather
 * than looped over.
 */
export function endedWindows(grid: PoolGrid, currentYear: string): string[] {
  if (!isValidGrid(grid)) throw new RangeError(`Not a calendar of pooled periods: ${JSON.stringify(grid)}`)
  const current = startYearOf(currentYear) ?? 0
  const windows: string[] = []
  for (let start = grid.startYear; start + grid.length - 1 < current; start += grid.length) {
    windows.push(windowCode(grid, start))
  }
  return windows.reverse()
}

/**
 * Whether `period` (`2016-17` or `2014-15..2016-17`) may be published now, in `currentYear`; if
 * not, why, and periods that may be published instead.
 */
export function checkPublishable(period: string, grid: PoolGrid, currentYear: string): PeriodCheck {
  const years = yearsOf(period)
  const first = startYearOf(years[0]) ?? 0
  const last = startYearOf(years[years.length - 1]) ?? 0
  const current = startYearOf(currentYear) ?? 0
  const endedSingles = years.filter(year => (startYearOf(year) ?? 0) < current)

  if (last >= current) {
    const windows = endedWindows(grid, currentYear).slice(0, 1)
    return {
      ok: false,
      reason: `${years[years.length - 1]} has not ended yet: a release is published only for a period that has ended`,
      alternatives: [...endedSingles.reverse(), ...(years.length > 1 ? windows : [])],
    }
  }
  if (years.length === 1) return { ok: true }
  const onGrid = (first - grid.startYear) % grid.length === 0 && first >= grid.startYear && years.length === grid.length
  if (onGrid) return { ok: true }
  // Windows of the grid that share a year with the period asked for, and have ended.
  const windows: string[] = []
  for (let start = grid.startYear; start <= last; start += grid.length) {
    if (start + grid.length - 1 >= first && start + grid.length - 1 < current) windows.push(windowCode(grid, start))
  }
  return {
    ok: false,
    reason:
      `${period} is not on the calendar of pooled periods: pooled releases are ${grid.length}-year windows ` +
      `starting from ${yearCode(grid.startYear)}, so that no two pooled releases overlap or nest and one can ` +
      'never be subtracted from another',
    alternatives: [...windows, ...years],
  }
}
