/**
 * The words of the annual report: sentences that say in plain English what each table of a release
 * shows, worked out from its figures alone. A suppressed figure is never turned back into a number:
 * it is named as suppressed, and no percentage is given that would need it. Percentages follow the
 * release's rule 4 in published mode (none over fewer than 10 cases).
 */
import { modifiableShare, MIN_PERCENTAGE_DENOMINATOR, type Percentage } from './statistics/percentages'
import type { CellValue, ReleaseMode, StatsTable } from './statistics/release'
import { TOTAL } from './statistics/tables'

/** What every page of the unsuppressed report says, in its header and its footer. */
export const CONFIDENTIAL_MARK = 'CONFIDENTIAL – unsuppressed figures, not for publication'

/** How a suppressed figure reads in a sentence. */
export const SUPPRESSED_WORDS = 'a suppressed number'

const numberFormat = new Intl.NumberFormat('en-GB')

export const isCount = (value: CellValue | undefined): value is number => typeof value === 'number'

/** "12 reviews", "1 review", or "a suppressed number of reviews". */
export function countWords(value: CellValue, one: string, many = `${one}s`): string {
  if (!isCount(value)) return `${SUPPRESSED_WORDS} of ${many}`
  return `${numberFormat.format(value)} ${value === 1 ? one : many}`
}

/** A figure as a table cell shows it: the count, or the suppression marker. */
export function cellText(value: CellValue | undefined): string {
  if (value === undefined) return ''
  return isCount(value) ? numberFormat.format(value) : value
}

/**
 * A whole-number percentage of `part` in `whole` ("29%"), or null when it may not or cannot be
 * given: a figure is suppressed, the whole is zero, or (published) fewer than 10 are counted.
 */
export function percentOf(part: CellValue, whole: CellValue, mode: ReleaseMode): string | null {
  if (!isCount(part) || !isCount(whole) || whole === 0) return null
  if (mode === 'published' && whole < MIN_PERCENTAGE_DENOMINATOR) return null
  // Halves round up, in whole-number arithmetic so every machine agrees.
  return `${Math.floor((200 * part + whole) / (2 * whole))}%`
}

export const showShare = (share: Percentage): string | null => (share.value === null ? null : `${share.value}%`)

/** "Of 41 reviews with enough information, 12 (29.3%) had modifiable factors." and its suppressed forms. */
export function modifiableSentence(cells: Record<string, CellValue>, mode: ReleaseMode): string {
  const { identified, not_identified: notIdentified, inadequate_information: inadequate } = cells
  let inadequateClause = ''
  if (isCount(inadequate) && inadequate > 0) {
    inadequateClause = ` A further ${countWords(inadequate, 'review')} had too little information to decide.`
  } else if (inadequate !== undefined && !isCount(inadequate)) {
    inadequateClause = ' A suppressed number of further reviews had too little information to decide.'
  }
  if (isCount(identified) && isCount(notIdentified)) {
    const denominator = identified + notIdentified
    if (denominator === 0) {
      return `No review had enough information to say whether there were modifiable factors.${inadequateClause}`
    }
    const share = modifiableShare(identified, notIdentified, mode)
    const percent = showShare(share)
    let shown = percent ? ` (${percent})` : ''
    if (share.withheld === 'denominator_under_10') {
      shown = ` (no percentage is given for fewer than ${MIN_PERCENTAGE_DENOMINATOR} reviews)`
    }
    return (
      `Of ${countWords(denominator, 'review')} with enough information, ${numberFormat.format(identified)}${shown} ` +
      `had modifiable factors.${inadequateClause}`
    )
  }
  return (
    `${capitalise(countWords(identified, 'review'))} had modifiable factors and ${countWords(notIdentified, 'review')} ` +
    'had none; a figure is suppressed to protect the families concerned, so no percentage is given.' +
    inadequateClause
  )
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const dataRows = (table: StatsTable) => table.rows.filter(r => r.code !== TOTAL)
const dataColumns = (table: StatsTable) => table.columns.filter(c => c.code !== TOTAL)

/** How many data cells (totals left out) of a table are suppressed. */
export function suppressedCellCount(table: StatsTable): number {
  return dataRows(table).reduce(
    (n, row) => n + dataColumns(table).filter(col => !isCount(table.values[row.code][col.code])).length,
    0,
  )
}

/** The count a row stands for: its total, or its one column. */
function rowCount(table: StatsTable, row: string): CellValue | undefined {
  const cells = table.values[row]
  if (cells[TOTAL] !== undefined) return cells[TOTAL]
  const columns = dataColumns(table)
  return columns.length === 1 ? cells[columns[0].code] : undefined
}

/** The rows with the largest shown count (ties all named), or none when no row has a shown count above zero. */
function largestRows(table: StatsTable, count: (row: string) => CellValue | undefined) {
  const shown = dataRows(table).flatMap(row => {
    const value = count(row.code)
    return isCount(value) && value > 0 ? [{ label: row.label, value }] : []
  })
  const max = Math.max(0, ...shown.map(r => r.value))
  return max === 0 ? [] : shown.filter(r => r.value === max)
}

const listWords = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`

/** What a table counts, for its sentence. */
export function nounOf(tableId: string): { one: string; many: string } {
  return tableId.includes('deaths') ? { one: 'death', many: 'deaths' } : { one: 'review', many: 'reviews' }
}

function largestLead(trend: boolean, tie: boolean): string {
  if (trend) return tie ? 'The years with the most were' : 'The year with the most was'
  return tie ? 'The largest groups were' : 'The largest group was'
}

function suppressedClause(table: StatsTable): string {
  const n = suppressedCellCount(table)
  if (n === 0) return ''
  return ` ${n === 1 ? '1 figure is' : `${n} figures are`} suppressed to protect the families concerned.`
}

/**
 * The sentence under a table: its total, the largest group, the modifiable factors share where the
 * table has those columns, and how many figures are suppressed. Only shown figures are used.
 */
export function tableSentence(table: StatsTable, mode: ReleaseMode): string {
  const noun = nounOf(table.id)
  const hasTotalRow = table.values[TOTAL] !== undefined
  const trend = table.id.startsWith('trend_')
  const parts: string[] = []

  if (hasTotalRow) {
    const total = rowCount(table, TOTAL)
    if (total !== undefined) {
      const years = trend ? dataRows(table) : []
      const span = years.length ? ` from ${years[0].label} to ${years[years.length - 1].label}` : ''
      if (isCount(total) && total === 0) {
        parts.push(`There were no ${noun.many} to count${span}.`)
        return parts.join(' ')
      }
      parts.push(`${capitalise(countWords(total, noun.one, noun.many))} are counted${span}.`)
      const largest = largestRows(table, row => rowCount(table, row))
      if (largest.length) {
        const value = largest[0].value
        const percent = percentOf(value, total, mode)
        const each = largest.length > 1 ? ' each' : ''
        parts.push(
          `${largestLead(trend, largest.length > 1)} ${listWords(largest.map(r => r.label))}, with ` +
            `${numberFormat.format(value)}${each}${percent ? ` (${percent}${each})` : ''}.`,
        )
      }
    }
  }
  if (table.columns.some(c => c.code === 'identified') && table.values[TOTAL]) {
    parts.push(modifiableSentence(table.values[TOTAL], mode))
    const most = largestRows(table, row => table.values[row].identified)
    if (most.length && !trend) {
      parts.push(
        `Modifiable factors were found most often in ${listWords(most.map(r => r.label))} ` +
          `(${countWords(most[0].value, 'review')}${most.length > 1 ? ' each' : ''}).`,
      )
    }
  }
  return `${parts.join(' ')}${suppressedClause(table)}`.trim()
}

/** One year's (or the total's) female:male pair, "4:9", with `[c]` for a suppressed figure. */
const pair = (cells: Record<string, CellValue>) => `${cellText(cells.female)}:${cellText(cells.male)}`

/**
 * The female:male row of `trend_deaths_by_sex`: "4:9, 8:4, 5:6 … 55:74 in total", each year in
 * order, oldest first, and the sentence that introduces it.
 */
export function femaleMaleRow(trend: StatsTable): { years: string[]; pairs: string[]; total: string; text: string } {
  const rows = dataRows(trend)
  const pairs = rows.map(row => pair(trend.values[row.code]))
  const total = trend.values[TOTAL] ? pair(trend.values[TOTAL]) : ''
  const anySuppressed = [...pairs, total].some(p => p.includes('[c]'))
  const span = rows.length ? `${rows[0].label} to ${rows[rows.length - 1].label}` : ''
  const text = rows.length
    ? `Female to male deaths in each year from ${span}: ${pairs.join(', ')}; ${total} in total.` +
      (anySuppressed ? ' [c] marks a figure suppressed to protect the families concerned.' : '')
    : 'There are no deaths on file to show a trend.'
  return { years: rows.map(r => r.code), pairs, total, text }
}

/** The panel's share against England's for the year. */
export function comparatorSentence(
  year: string,
  local: Percentage,
  national: { modifiableShare: number; source: string } | undefined,
): string {
  const ours = showShare(local)
  const why: Record<string, string> = {
    suppressed: 'because a figure it is worked out from is suppressed',
    denominator_under_10: `because fewer than ${MIN_PERCENTAGE_DENOMINATOR} reviews are counted`,
    no_denominator: 'because there were no reviews to work it out from',
  }
  const localText = ours
    ? `In ${year}, ${ours} of this panel's reviews with enough information had modifiable factors`
    : `In ${year}, this panel's percentage of reviews with modifiable factors is not given ${why[local.withheld ?? 'no_denominator']}`
  if (!national) return `${localText}. No national figure for ${year} has been entered, so there is no comparison.`
  const england = `${national.modifiableShare}%`
  if (!ours || local.value === null) return `${localText}; the figure for England was ${england} (${national.source}).`
  let relation = 'the same as'
  if (local.value > national.modifiableShare) relation = 'higher than'
  if (local.value < national.modifiableShare) relation = 'lower than'
  return `${localText}, ${relation} the ${england} for England (${national.source}).`
}

export interface MeetingAttendance {
  date: string
  present: number
  /** Null when attendance was never recorded. */
  quorate: boolean | null
}

/** "The panel held 6 meetings; 5 were quorate and 1 was not. On average 8.5 members attended." */
export function meetingsSentence(meetings: readonly MeetingAttendance[]): string {
  if (meetings.length === 0) return 'The panel held no meetings in the year.'
  const recorded = meetings.filter(m => m.quorate !== null)
  const quorate = recorded.filter(m => m.quorate).length
  const notQuorate = recorded.length - quorate
  const unrecorded = meetings.length - recorded.length
  const parts = [`The panel held ${meetings.length === 1 ? '1 meeting' : `${meetings.length} meetings`}`]
  const clauses: string[] = []
  if (recorded.length) clauses.push(`${quorate} ${quorate === 1 ? 'was' : 'were'} quorate`)
  if (notQuorate) clauses.push(`${notQuorate} ${notQuorate === 1 ? 'was' : 'were'} not`)
  if (unrecorded) clauses.push(`attendance was not recorded at ${unrecorded}`)
  let sentence = `${parts[0]}${clauses.length ? `; ${listWords(clauses)}` : ''}.`
  if (recorded.length) {
    const tenths = Math.round((recorded.reduce((n, m) => n + m.present, 0) * 10) / recorded.length)
    sentence += ` On average ${tenths / 10} ${tenths === 10 ? 'member' : 'members'} attended.`
  }
  return sentence
}
