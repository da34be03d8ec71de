/**
 * The gate against an attacker written independently of it (attacker.ts): over random case
 * histories and random sequences of publications (single years, pooled periods on a grid of three
 * years, corrections after cases change), solving the linear system of every release published
 * recovers no suppressed figure that no release showed before it was suppressed, and no count from
 * 1 to SUPPRESS_MAX over any span of years that no release shows.
 */
import fc from 'fast-check'
import { gateRelease, type PublishedFigures } from '../../../src/domain/statistics/crossReleaseGate'
import type { CellValue, StatsTable } from '../../../src/domain/statistics/release'
import { Attacker, figureEquation } from './attacker'
import { HISTORY_YEARS, caseHistoryArb, exactRelease, yearTablesOf, type CaseHistory } from './caseHistory'

const SUPPRESS_MAX = 5
const canonical = (eq: Map<string, number>) =>
  [...eq.entries()]
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k}*${v}`)
    .sort()
    .join('+')

type Step = { kind: 'year'; year: number } | { kind: 'pool'; window: number }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('year' as const), year: fc.integer({ min: 0, max: HISTORY_YEARS.length - 1 }) }),
  fc.record({ kind: fc.constant('pool' as const), window: fc.integer({ min: 0, max: 1 }) }),
)

const periodOf = (step: Step): [number, number] =>
  step.kind === 'year' ? [step.year, step.year] : [step.window * 3, step.window * 3 + 2]

function publishAll(history: CaseHistory, periods: [number, number][]): PublishedFigures[] {
  const published: PublishedFigures[] = []
  const yearTables = yearTablesOf(history)
  periods.forEach(([first, last]) => {
    const { release } = gateRelease({
      published,
      candidate: exactRelease(history, first, last),
      suppressMax: SUPPRESS_MAX,
      yearTables,
    })
    published.push(release)
  })
  return published
}

function cellsOf(release: PublishedFigures) {
  return release.tables.flatMap(table =>
    table.rows.flatMap(({ code: row }) =>
      table.columns.map(({ code: col }) => ({
        table: table as StatsTable<CellValue>,
        row,
        col,
        value: table.values[row][col],
        eq: figureEquation(release.financialYear, table as StatsTable<CellValue>, row, col),
      })),
    ),
  )
}

/** Every leak the attacker finds: suppressed figures and small spans it can work out. */
function leaks(history: CaseHistory, published: PublishedFigures[], checkSpans: boolean): string[] {
  const found: string[] = []
  const shown = new Set<string>()
  published.forEach(r => cellsOf(r).forEach(c => typeof c.value === 'number' && shown.add(canonical(c.eq))))

  const all = new Attacker()
  published.forEach(r => all.read(r.financialYear, r.tables))
  const before = new Attacker()
  published.forEach(release => {
    cellsOf(release)
      .filter(c => c.value === '[c]' && !shown.has(canonical(c.eq)))
      // Worked out from releases before this one suppressed it: public already, not this gate's doing.
      .filter(c => before.recover(c.eq) === null)
      .forEach(c => {
        const value = all.recover(c.eq)
        if (value !== null) found.push(`${release.financialYear} ${c.table.id} ${c.row}/${c.col} = ${value}`)
      })
    before.read(release.financialYear, release.tables)
  })

  if (checkSpans) {
    const singles = HISTORY_YEARS.map((_, y) => exactRelease(history, y, y))
    singles[0].tables.forEach(layout => {
      const trend = layout.id.startsWith('trend_')
      const rows = trend ? ['year'] : layout.rows.map(r => r.code)
      rows.forEach(row =>
        layout.columns.forEach(({ code: col }) => {
          if (layout.id === 'summary' && row === 'open_at_year_end') return
          for (let a = 0; a < HISTORY_YEARS.length; a++) {
            let total = 0
            const eq = new Map<string, number>()
            for (let b = a; b < HISTORY_YEARS.length; b++) {
              const single = singles[b]
              const table = single.tables.find(t => t.id === layout.id) as StatsTable<number>
              const r = trend ? HISTORY_YEARS[b] : row
              total += table.values[r]?.[col] ?? 0
              const rowLayout = trend ? { ...table, rows: [{ code: r, label: r }] } : table
              figureEquation(single.financialYear, rowLayout, r, col).forEach((v, k) => eq.set(k, (eq.get(k) ?? 0) + v))
              if (total < 1 || total > SUPPRESS_MAX || shown.has(canonical(eq))) continue
              const value = all.recover(eq)
              if (value !== null) found.push(`span ${layout.id} ${row}/${col} ${a}..${b} (${total}) = ${value}`)
            }
          }
        }),
      )
    })
  }
  return found
}

// One random run once kept a CI worker busy for over 15 minutes (a hang prints no seed), so the
// runs are seeded: PROPERTY_SEED=<n> tries others, as many as anyone likes, outside CI.
const SEED = Number(process.env.PROPERTY_SEED ?? 20261202)

describe('the disclosure check across releases, against an independent attacker', () => {
  it('leaves no suppressed figure and no small span recoverable, whatever is published in whatever order', () => {
    fc.assert(
      fc.property(caseHistoryArb(), fc.array(stepArb, { minLength: 2, maxLength: 5 }), (history, steps) => {
        const published = publishAll(history, steps.map(periodOf))
        expect(leaks(history, published, true)).toEqual([])
      }),
      { numRuns: 3, seed: SEED },
    )
  })

  it('checks corrections after cases change: no small change and no suppressed figure given away', () => {
    const editArb = fc.record({
      record: fc.nat(20),
      year: fc.nat(HISTORY_YEARS.length - 1),
      n: fc.integer({ min: 1, max: 9 }),
    })
    fc.assert(
      fc.property(
        caseHistoryArb(),
        fc.array(stepArb, { minLength: 2, maxLength: 4 }),
        fc.array(editArb, { minLength: 1, maxLength: 3 }),
        (history, steps, edits) => {
          const periods = steps.map(periodOf)
          const published = publishAll(history, periods)
          // Cases change (a late case, a corrected year), then every period published is corrected.
          const edited: CaseHistory = structuredClone(history)
          edits.forEach(({ record, year, n }) => {
            const review = edited.reviews[record % edited.reviews.length]
            review.year = year
            review.n = n
          })
          const yearTables = yearTablesOf(edited)
          // What the first releases (one state of the data, so consistent) say about each figure.
          const attacker = new Attacker()
          published.forEach(r => attacker.read(r.financialYear, r.tables))
          const found: string[] = []
          periods.forEach(([first, last]) => {
            const { release } = gateRelease({
              published,
              candidate: exactRelease(edited, first, last),
              suppressMax: SUPPRESS_MAX,
              yearTables,
            })
            cellsOf(release).forEach(c => {
              if (typeof c.value !== 'number') return
              const earlier = attacker.recover(c.eq)
              if (earlier === null) return
              const change = Math.abs(Math.round(earlier) - c.value)
              if (change >= 1 && change <= SUPPRESS_MAX)
                found.push(`${release.financialYear} ${c.table.id} ${c.row}/${c.col}`)
            })
            published.push(release)
          })
          expect(found).toEqual([])
          expect(leaks(edited, published, false)).toEqual([])
        },
      ),
      { numRuns: 2, seed: SEED },
    )
  })
})
