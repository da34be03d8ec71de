/**
 * The one percentage the reports show (statistics.md §2): the share of reviews with modifiable
 * factors, identified / (identified + not_identified). Reviews with inadequate information are left
 * out, as the national statistics do. Percentages never go in the CSV.
 */
import type { CellValue, ReleaseMode, StatsTable } from './release'

/** Rule 4: below this many reviews a percentage is too unstable, and too revealing, to publish. */
export const MIN_PERCENTAGE_DENOMINATOR = 10

export type WithheldReason =
  /** The numerator or the denominator is suppressed, so the percentage would undo the suppression. */
  | 'suppressed'
  /** Published mode, fewer than MIN_PERCENTAGE_DENOMINATOR reviews. */
  | 'denominator_under_10'
  /** Unsuppressed mode, no reviews at all: there is nothing to divide by. */
  | 'no_denominator'

export type Percentage = { value: number; withheld: null } | { value: null; withheld: WithheldReason }

const withheld = (reason: WithheldReason): Percentage => ({ value: null, withheld: reason })

/**
 * The percentage to one decimal place (halves rounded up), or why it is withheld. Rule 4 is a rule
 * of published mode; the unsuppressed annual report shows every percentage that can be computed.
 */
export function modifiableShare(
  identified: CellValue,
  notIdentified: CellValue,
  mode: ReleaseMode = 'published',
): Percentage {
  if (typeof identified !== 'number' || typeof notIdentified !== 'number') return withheld('suppressed')
  const denominator = identified + notIdentified
  if (mode === 'published' && denominator < MIN_PERCENTAGE_DENOMINATOR) return withheld('denominator_under_10')
  if (denominator === 0) return withheld('no_denominator')
  // Whole-number arithmetic, so a half (e.g. 1/8 = 12.5%) rounds the same way on every machine.
  const tenths = Math.floor((2000 * identified + denominator) / (2 * denominator))
  return { value: tenths / 10, withheld: null }
}

/** The share for one row of a `*_by_modifiable` or `trend_reviews_by_modifiable` table. */
export function modifiableShareOfRow(table: StatsTable, row: string, mode: ReleaseMode = 'published'): Percentage {
  const cells = table.values[row]
  if (!cells) throw new RangeError(`${table.id} has no row ${row}`)
  if (cells.identified === undefined || cells.not_identified === undefined) {
    throw new RangeError(`${table.id} has no modifiable factors columns`)
  }
  return modifiableShare(cells.identified, cells.not_identified, mode)
}
