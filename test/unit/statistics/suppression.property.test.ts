import fc from 'fast-check'
import { buildTable, type CellValue, type Release, type StatsTable } from '../../../src/domain/statistics/release'
import {
  SUPPRESSION_MARKER,
  pooledLines,
  sharedFigureLinks,
  suppressRelease,
  suppressedCells,
  tableLines,
  type CellRef,
} from '../../../src/domain/statistics/suppression'
import { TOTAL, tableDefinitions } from '../../../src/domain/statistics/tables'
import { buildRelease, releaseDataArb, YEARS } from './randomRelease'

const suppressMaxArb = fc.integer({ min: 1, max: 10 })

function cells(table: StatsTable<CellValue>) {
  return table.rows.flatMap(r =>
    table.columns.map(c => ({ row: r.code, col: c.code, value: table.values[r.code][c.code] })),
  )
}

/**
 * Every guarantee of statistics.md §3 rules 1–3 that can be checked from the output alone, as a list
 * of breaches (collected rather than asserted cell by cell, which would make thousands of runs slow).
 */
function breaches(original: Release<number>, out: Release<CellValue>, suppressMax: number): string[] {
  const found: string[] = []
  if (out.tables.map(t => t.id).join() !== original.tables.map(t => t.id).join()) found.push('tables changed')
  out.tables.forEach((table, i) => {
    const before = original.tables[i]
    cells(table).forEach(({ row, col, value }) => {
      const exact = before.values[row][col]
      const where = `${table.id} ${row}/${col}`
      // (e) zeros are never suppressed, by any rule.
      if (value === SUPPRESSION_MARKER && exact === 0) found.push(`${where}: zero suppressed`)
      // (d) what is shown is the exact count.
      if (value !== SUPPRESSION_MARKER && value !== exact) found.push(`${where}: shows ${value}, is ${exact}`)
      // (a) no small count is shown.
      if (value !== SUPPRESSION_MARKER && exact >= 1 && exact <= suppressMax) found.push(`${where}: ${exact} shown`)
    })
    // (b) no line holds exactly one suppressed cell.
    tableLines(table).forEach(line => {
      const hidden = [...line.cells, line.total].filter(cell => table.values[cell.row][cell.col] === SUPPRESSION_MARKER)
      if (hidden.length === 1) found.push(`${table.id}: line of ${line.total.row}/${line.total.col} holds one`)
    })
  })
  const byId = new Map(out.tables.map(t => [t.id, t]))
  const hiddenCell = (cell: CellRef) => byId.get(cell.tableId)?.values[cell.row][cell.col] === SUPPRESSION_MARKER
  // (b) nor does any line across the tables of a pooled release.
  pooledLines(out.tables, out.financialYear).forEach(line => {
    if ([...line.cells, line.total].filter(hiddenCell).length === 1) {
      found.push(`pooled line of ${line.total.tableId} ${line.total.row}/${line.total.col} holds one`)
    }
  })
  // (c) a shared figure is suppressed everywhere or nowhere.
  sharedFigureLinks(out.tables, out.financialYear).forEach(group => {
    const hidden = group.map(hiddenCell)
    if (new Set(hidden).size !== 1) found.push(`shared figure split: ${JSON.stringify(group)}`)
  })
  return found
}

function expectDisclosureControlled(original: Release<number>, out: Release<CellValue>, suppressMax: number) {
  expect(breaches(original, out, suppressMax)).toEqual([])
}

describe('disclosure control of random releases', () => {
  it('keeps every rule over whole releases built from consistent data', () => {
    fc.assert(
      fc.property(releaseDataArb, suppressMaxArb, (data, suppressMax) => {
        const original = buildRelease(data)
        // (f) it terminates: a returning call is the proof, the jest timeout the bound.
        const out = suppressRelease(original, suppressMax)
        expectDisclosureControlled(original, out, suppressMax)
      }),
      { numRuns: 400 },
    )
  })

  it('has links to year Y of the trend tables in a single-year release, none in a pooled one', () => {
    fc.assert(
      fc.property(releaseDataArb, data => {
        const release = buildRelease(data)
        const trendCells = sharedFigureLinks(release.tables, release.financialYear)
          .flat()
          .filter(cell => cell.tableId.startsWith('trend_'))
        if (release.financialYear.includes('..')) expect(trendCells).toEqual([])
        else expect(trendCells.every(cell => cell.row === YEARS.at(-1))).toBe(true)
      }),
    )
  })

  it('is deterministic, whatever the order of the tables, and leaves the input as it was', () => {
    fc.assert(
      fc.property(releaseDataArb, suppressMaxArb, (data, suppressMax) => {
        const original = buildRelease(data)
        const snapshot = JSON.stringify(original)
        const out = suppressRelease(original, suppressMax)
        expect(suppressRelease(original, suppressMax)).toEqual(out)
        expect(JSON.stringify(original)).toBe(snapshot)
        // The order the tables come in changes nothing but their order.
        const reversed = suppressRelease({ ...original, tables: [...original.tables].reverse() }, suppressMax)
        expect(reversed.tables.reverse()).toEqual(out.tables)
      }),
      { numRuns: 50 },
    )
  })

  it('suppresses nothing when no count is small', () => {
    fc.assert(
      fc.property(releaseDataArb, suppressMaxArb, (data, suppressMax) => {
        const original = buildRelease(data)
        const small = original.tables.some(t =>
          t.rows.some(r =>
            t.columns.some(c => t.values[r.code][c.code] >= 1 && t.values[r.code][c.code] <= suppressMax),
          ),
        )
        fc.pre(!small)
        expect(suppressedCells(original.tables, original.financialYear, suppressMax)).toEqual([])
      }),
      { numRuns: 50 },
    )
  })

  it('shows exact counts, unchanged, in unsuppressed mode', () => {
    fc.assert(
      fc.property(releaseDataArb, suppressMaxArb, (data, suppressMax) => {
        const original: Release<number> = { ...buildRelease(data), mode: 'unsuppressed' }
        expect(suppressRelease(original, suppressMax)).toEqual({ ...original, suppressMax })
      }),
      { numRuns: 50 },
    )
  })
})

describe('disclosure control of random tables', () => {
  // Every table of the contract on its own, with independent counts 0..20 in every data cell and
  // totals from buildTable: shapes and patterns the aggregated releases above rarely produce.
  const defs = tableDefinitions({ deathYears: YEARS.slice(1), reviewYears: YEARS.slice(3) })
  const tableArb = fc
    .constantFrom(...defs)
    .chain(def =>
      fc
        .tuple(
          ...def.rows
            .filter(r => r.code !== TOTAL)
            .map(r =>
              fc
                .tuple(...def.columns.filter(c => c.code !== TOTAL).map(c => fc.tuple(fc.constant(c.code), fc.nat(20))))
                .map(pairs => [r.code, Object.fromEntries(pairs)] as const),
            ),
        )
        .map(rows => buildTable(def, Object.fromEntries(rows))),
    )

  it('keeps every rule, whatever the counts', () => {
    fc.assert(
      fc.property(tableArb, suppressMaxArb, (table, suppressMax) => {
        const original: Release<number> = {
          financialYear: YEARS.at(-1) ?? '',
          mode: 'published',
          suppressMax,
          producedAt: '2017-05-02T09:30:00.000Z',
          tables: [table],
        }
        expectDisclosureControlled(original, suppressRelease(original, suppressMax), suppressMax)
      }),
      { numRuns: 1000 },
    )
  })
})
