/**
 * The report's charts, drawn on the server as SVG: a Vega-Lite specification per chart, compiled to
 * Vega and rendered headless with `view.toSVG()`, so the page needs no script and prints as it shows.
 *
 * A chart draws only what its table shows: a suppressed figure (or a withheld percentage) is left out,
 * never drawn from the exact count, so a chart can reveal nothing its table does not. Each chart goes
 * with its table, the accessible alternative; the SVG itself is hidden from assistive technology.
 */
import type { TopLevelSpec } from 'vega-lite'
import { modifiableShare } from '../../domain/statistics/percentages'
import type { CellValue, Release, StatsTable } from '../../domain/statistics/release'
import { TOTAL } from '../../domain/statistics/tables'
import { vega, vegaLite } from '../loadedOnFirstUse'
import type { NationalComparator } from './nationalComparators'

export interface Chart {
  /** The table the chart draws, whose id the page uses as the table's anchor. */
  tableId: string
  title: string
  /** Trusted SVG markup: built here from counts and our own labels, and checked by `assertSafeSvg`. */
  svg: string
  /** When there is nothing to draw (every figure suppressed, or none at all), what the drawing says instead. */
  note: string | null
}

/** What a chart says when every figure it would draw is suppressed or withheld. */
export const ALL_SUPPRESSED_NOTE =
  'All figures in this chart are suppressed to protect the families concerned, so there is nothing to draw. The table below shows each figure or why it is withheld.'
/** What a chart says when the period has no figures for it at all. */
export const NO_FIGURES_NOTE = 'There are no figures to draw for this period. The table below shows the figures.'

/** The Government Analysis Function's accessible categorical palette. */
const PALETTE = ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1']

const CONFIG = {
  font: 'Arial, sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 13, labelLimit: 320, grid: true, gridColor: '#e5e5e5' },
  legend: { labelFontSize: 12, titleFontSize: 13, orient: 'top', direction: 'vertical', labelLimit: 320 },
  range: { category: PALETTE },
}

interface Point {
  x: string
  series: string
  value: number
  /** Position of the series in its table, so stacks follow the table's column order. */
  order?: number
}

/** Whether any data cell of the table is suppressed or withheld (not a number). */
function anyWithheld(table: StatsTable, columns?: readonly string[]): boolean {
  const cols = table.columns.filter(c => c.code !== TOTAL && (!columns || columns.includes(c.code)))
  return table.rows
    .filter(r => r.code !== TOTAL)
    .some(row => cols.some(col => typeof table.values[row.code][col.code] !== 'number'))
}

/** The shown (not suppressed) data cells of a table, row by column, in listed order. */
function shownCells(table: StatsTable, columns?: readonly string[]): Point[] {
  const cols = table.columns.filter(c => c.code !== TOTAL && (!columns || columns.includes(c.code)))
  return table.rows
    .filter(r => r.code !== TOTAL)
    .flatMap(row =>
      cols.flatMap((col, order) => {
        const value: CellValue = table.values[row.code][col.code]
        return typeof value === 'number' ? [{ x: row.label, series: col.label, value, order }] : []
      }),
    )
}

const rowLabels = (table: StatsTable) => table.rows.filter(r => r.code !== TOTAL).map(r => r.label)
const columnLabels = (table: StatsTable) => table.columns.filter(c => c.code !== TOTAL).map(c => c.label)

/** Anything that could run or restyle in a page under its CSP; vega's output has none, and must keep having none. */
const UNSAFE_SVG = /<script|<style|<foreignObject|\sstyle\s*=|\son[a-z]+\s*=|javascript:|<iframe|<image|href\s*=/i

export function assertSafeSvg(svg: string): string {
  if (!svg.startsWith('<svg') || UNSAFE_SVG.test(svg)) throw new Error('Chart SVG contains markup that is not allowed')
  return svg
}

async function render(spec: TopLevelSpec): Promise<string> {
  const { View, parse } = vega()
  const view = new View(parse(vegaLite().compile(spec).spec), { renderer: 'none' })
  try {
    const svg = await view.toSVG()
    // Drawn at its natural size, shrinking to fit narrow screens (report.css); the table beside it is
    // the text alternative, so assistive technology skips the drawing.
    const responsive = svg.replace(
      /^<svg([^>]*?) class="marks"/,
      '<svg$1 class="marks app-chart__svg" aria-hidden="true" focusable="false"',
    )
    return assertSafeSvg(responsive)
  } finally {
    view.finalize()
  }
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Breaks words into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  for (const word of text.split(' ')) {
    const last = lines.length ? lines[lines.length - 1] : undefined
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

/** A drawing of a note in words, of a fixed, finite size, in place of a chart with nothing to draw. */
export function noteSvg(note: string): string {
  const lines = wrap(note, 64)
  const lineHeight = 22
  const width = 520
  const height = 16 + lines.length * lineHeight
  const text = lines.map((line, i) => `<tspan x="12" y="${28 + i * lineHeight}">${escapeXml(line)}</tspan>`).join('')
  return assertSafeSvg(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="marks app-chart__svg app-chart__note" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(note)}">` +
      `<rect x="0" y="0" width="${width}" height="${height}" fill="#f3f2f1"/><rect x="0" y="0" width="5" height="${height}" fill="#b1b4b6"/>` +
      `<text font-family="Arial, sans-serif" font-size="16" fill="#0b0c0c">${text}</text></svg>`,
  )
}

/** The width, height and view box of an SVG's root element, as numbers (NaN when missing or not finite). */
export function svgSize(svg: string): { width: number; height: number; viewBox: number[] } {
  const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? ''
  const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(root)?.[1]
  return {
    width: Number(attribute('width') ?? NaN),
    height: Number(attribute('height') ?? NaN),
    viewBox: (attribute('viewBox') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number),
  }
}

/** Whether an SVG has a finite, positive width and height and a finite four-number view box. */
export function hasFiniteSize(svg: string): boolean {
  const { width, height, viewBox } = svgSize(svg)
  return (
    Number.isFinite(width) &&
    Number.isFinite(height) &&
    width > 0 &&
    height > 0 &&
    width < 10_000 &&
    height < 10_000 &&
    viewBox.length === 4 &&
    viewBox.every(Number.isFinite)
  )
}

const base = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: CONFIG } as const

function stackedBars(table: StatsTable, xTitle: string): TopLevelSpec {
  return {
    ...base,
    width: 480,
    data: { values: shownCells(table) },
    mark: { type: 'bar' },
    encoding: {
      // Vega measures text without a canvas by estimate; past this the longest category names are cut
      // short with an ellipsis (they are whole in the table) rather than squeezing the bars.
      y: { field: 'x', type: 'nominal', sort: rowLabels(table), title: null, axis: { labelLimit: 300 } },
      x: { field: 'value', type: 'quantitative', title: xTitle, stack: 'zero' },
      color: { field: 'series', type: 'nominal', sort: columnLabels(table), title: null },
      order: { field: 'order', type: 'quantitative', sort: 'ascending' },
    },
  } as TopLevelSpec
}

function groupedBars(table: StatsTable, xTitle: string, yTitle: string): TopLevelSpec {
  return {
    ...base,
    width: 560,
    height: 260,
    data: { values: shownCells(table) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'x', type: 'nominal', sort: rowLabels(table), title: xTitle, axis: { labelAngle: 0 } },
      xOffset: { field: 'series', type: 'nominal', sort: columnLabels(table) },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', sort: columnLabels(table), title: null },
    },
  } as TopLevelSpec
}

function bars(table: StatsTable, xTitle: string, yTitle: string): TopLevelSpec {
  return {
    ...base,
    width: 360,
    height: 220,
    data: { values: shownCells(table) },
    mark: { type: 'bar', color: PALETTE[0] },
    encoding: {
      x: { field: 'x', type: 'nominal', sort: rowLabels(table), title: xTitle, axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: yTitle },
    },
  } as TopLevelSpec
}

function lines(values: Point[], years: string[], yTitle: string, seriesOrder: string[]): TopLevelSpec {
  return {
    ...base,
    width: Math.min(560, Math.max(320, years.length * 48)),
    height: 260,
    // Fixed sizes (not "fit"): an empty or one-point scale must never stretch the drawing to infinity.
    autosize: { type: 'pad' },
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: years, title: 'Financial year', axis: { labelAngle: -45 } },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', sort: seriesOrder, title: null },
    },
  } as TopLevelSpec
}

/** Share with modifiable factors by year, locally (withheld as rule 4 says) and nationally where entered. */
function shareTrend(table: StatsTable, mode: Release['mode'], comparators: readonly NationalComparator[]): Point[] {
  const years = table.rows.filter(r => r.code !== TOTAL)
  const local = years.flatMap(row => {
    const share = modifiableShare(table.values[row.code].identified, table.values[row.code].not_identified, mode)
    return share.value === null ? [] : [{ x: row.code, series: 'This panel', value: share.value }]
  })
  const national = comparators
    .filter(c => years.some(r => r.code === c.financialYear))
    .map(c => ({ x: c.financialYear, series: 'England', value: c.modifiableShare }))
  return [...local, ...national]
}

/** Whether any year's share is withheld for suppression or a small denominator (not for having no reviews). */
function shareWithheld(table: StatsTable, mode: Release['mode']): boolean {
  return table.rows
    .filter(r => r.code !== TOTAL)
    .some(row => {
      const share = modifiableShare(table.values[row.code].identified, table.values[row.code].not_identified, mode)
      return share.withheld === 'suppressed' || share.withheld === 'denominator_under_10'
    })
}

/** Every chart of the report, in table order; tables without a chart (the summary, the small grids) have none. */
export async function releaseCharts(release: Release, comparators: readonly NationalComparator[]): Promise<Chart[]> {
  const byId = new Map(release.tables.map(t => [t.id, t]))
  const table = (id: string) => {
    const found = byId.get(id)
    if (!found) throw new Error(`Release has no table ${id}`)
    return found
  }
  const trendYears = (id: string) =>
    table(id)
      .rows.filter(r => r.code !== TOTAL)
      .map(r => r.code)
  const specs: { tableId: string; title: string; spec: TopLevelSpec }[] = [
    {
      tableId: 'category_by_modifiable',
      title: 'Reviews completed by category of death and modifiable factors',
      spec: stackedBars(table('category_by_modifiable'), 'Reviews completed'),
    },
    {
      tableId: 'review_duration',
      title: 'Reviews completed by time from death to review',
      spec: bars(table('review_duration'), 'Time from death to review', 'Reviews completed'),
    },
    {
      tableId: 'deaths_by_age_and_sex',
      title: 'Deaths by age and sex',
      spec: groupedBars(table('deaths_by_age_and_sex'), 'Age at death', 'Deaths'),
    },
    {
      tableId: 'trend_deaths_by_sex',
      title: 'Deaths by sex and financial year',
      spec: lines(
        shownCells(table('trend_deaths_by_sex')),
        trendYears('trend_deaths_by_sex'),
        'Deaths',
        columnLabels(table('trend_deaths_by_sex')),
      ),
    },
    {
      tableId: 'trend_reviews_by_modifiable',
      title: 'Percentage of reviews with modifiable factors, by financial year',
      spec: lines(
        shareTrend(table('trend_reviews_by_modifiable'), release.mode, comparators),
        trendYears('trend_reviews_by_modifiable'),
        'Percentage with modifiable factors',
        ['This panel', 'England'],
      ),
    },
  ]
  return Promise.all(
    specs.map(async ({ tableId, title, spec }) => {
      const values = ((spec as { data?: { values?: Point[] } }).data?.values ?? []) as Point[]
      // Bars or lines of nothing but zeros are an empty axis; a share of 0% is still a figure to draw.
      const empty =
        tableId === 'trend_reviews_by_modifiable' ? values.length === 0 : !values.some(point => point.value > 0)
      const withheld =
        tableId === 'trend_reviews_by_modifiable'
          ? shareWithheld(table(tableId), release.mode)
          : anyWithheld(table(tableId))
      const svg = empty ? null : await render(spec)
      if (svg && hasFiniteSize(svg)) return { tableId, title, svg, note: null }
      // Nothing to draw (or a drawing of no finite size): say why in words; the table still follows.
      const note = withheld ? ALL_SUPPRESSED_NOTE : NO_FIGURES_NOTE
      return { tableId, title, svg: noteSvg(note), note }
    }),
  )
}
