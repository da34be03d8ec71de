/**
 * The check a release passes before it is published (statistics.md §5): together with every release
 * already out, superseded versions included, it must let no one work out, by adding and
 * subtracting shown figures, the exact value of any suppressed figure or any count from 1 to
 * SUPPRESS_MAX that no release shows.
 *
 * Every shown figure is a linear equation over atomic counts (releaseAlgebra.ts). A hidden quantity
 * is determined exactly when its vector lies in the span of the shown figures' vectors and the
 * identities (linearSpan.ts). The hidden quantities are every suppressed figure of every release,
 * and every span of years of every figure whose true count is 1 to SUPPRESS_MAX and that no release
 * shows. Whatever the releases already out determine on their own is not the new release's doing
 * (and is not made worse by it), so only quantities that the new release would newly determine count.
 *
 * While one does, one more shown figure of the new release that takes part in determining it is
 * suppressed (the smallest, non-zero before zero, data cells before totals), the release's own
 * rules 2 and 3 run again, and the question is asked again. It ends: each round hides one more
 * figure, and with none of the new figures shown nothing new is determined.
 *
 * A correction also differs from the version before it by the cases that changed: a figure the new
 * release shows that the releases already out determine with a value 1 to SUPPRESS_MAX away gives
 * away that many changed cases, so it is suppressed too.
 */
import { LinearSpan, bigintField, numberField, type Field } from './linearSpan'
import { authorityCode } from '../localAuthorities'
import {
  AUTHORITY_TABLE_IDS,
  AtomIndex,
  REST_GROUP,
  UNGROUPED,
  allForms,
  figureAtoms,
  listedAuthorities,
  spanAtoms,
  vectorKey,
  vectorOf,
  yearIdentities,
  type Form,
  type Groups,
} from './releaseAlgebra'
import type { CellValue, Release, StatsTable } from './release'
import { SUPPRESSION_MARKER, isMedianCell, suppressRelease, suppressedCells, type CellRef } from './suppression'
import { TOTAL } from './tables'
import { startYearOf, yearsOf } from './years'

/** A release already published, as it went out. */
export interface PublishedFigures {
  financialYear: string
  /** The authority's name, for a release of one local authority. */
  localAuthority?: string
  tables: readonly StatsTable<CellValue>[]
}

/** A local authority some release names: its row code and its name. */
export interface NamedAuthority {
  code: string
  name: string
}

/**
 * Every local authority any of these releases names, by code: a row of its authority tables, or
 * the authority a release is of. Each is a group of residents of its own for the check; everyone
 * else is REST_GROUP.
 */
export function namedAuthorities(
  releases: readonly { localAuthority?: string; tables: readonly StatsTable<CellValue>[] }[],
): NamedAuthority[] {
  const byCode = new Map<string, string>()
  releases.forEach(release => {
    if (release.localAuthority) byCode.set(authorityCode(release.localAuthority), release.localAuthority)
    release.tables
      .filter(t => AUTHORITY_TABLE_IDS.includes(t.id))
      .forEach(t =>
        listedAuthorities(t).forEach(code => {
          if (!byCode.has(code)) byCode.set(code, t.rows.find(r => r.code === code)?.label ?? code)
        }),
      )
  })
  return [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name }))
}

/** The groups a gate run counts in, and those one release covers. */
function groupsOf(universe: readonly string[], release: { localAuthority?: string }): Groups {
  if (universe.length === 1) return UNGROUPED
  return { universe, scope: release.localAuthority ? [authorityCode(release.localAuthority)] : universe }
}

export interface GateInput {
  published: readonly PublishedFigures[]
  /** The new release, exact counts, published mode. */
  candidate: Release<number>
  suppressMax: number
  /**
   * Exact single-year tables of consecutive financial years (at least every year any release
   * covers): the true counts of spans of years.
   */
  yearTables: ReadonlyMap<string, readonly StatsTable<number>[]>
  /**
   * When some release names a local authority: the same exact single-year tables for each group
   * of residents (every authority of namedAuthorities by its code, and REST_GROUP), so that small
   * counts of one group are kept hidden too. A group left out is not checked for its small spans.
   */
  groupYearTables?: ReadonlyMap<string, ReadonlyMap<string, readonly StatsTable<number>[]>>
}

export type ExtraReason = 'determines_hidden' | 'small_change'

export interface ExtraSuppression extends CellRef {
  reason: ExtraReason
}

export interface GateResult {
  release: Release<CellValue>
  /** Figures suppressed beyond rules 1–3, in the order the check asked for them. */
  extra: ExtraSuppression[]
  /** Hidden quantities checked in the last round (for the notes and for tests). */
  hiddenChecked: number
}

interface Hidden {
  key: string
  vector: Map<number, number>
}

interface Shown {
  ref: CellRef
  value: number
  key: string
  vector: Map<number, number>
  isTotal: boolean
}

const refKey = (cell: CellRef) => `${cell.tableId}\u0000${cell.row}\u0000${cell.col}`

/** The value of a form in one year's exact tables (0 where the year's trend has no such row). */
function formValue(form: Form, year: string, tables: readonly StatsTable<number>[]): number {
  const table = tables.find(t => t.id === form.tableId)
  if (!table) return 0
  const row = form.row === 'year' ? year : form.row
  return table.values[row]?.[form.col] ?? 0
}

function consecutiveRuns(years: readonly string[]): string[][] {
  const sorted = [...years].sort()
  const runs: string[][] = []
  sorted.forEach(year => {
    const run = runs.at(-1)
    const previous = run?.at(-1)
    if (run && previous && startYearOf(year) === (startYearOf(previous) ?? NaN) + 1) run.push(year)
    else runs.push([year])
  })
  return runs
}

type Round = { safe: true; hiddenChecked: number } | { safe: false; pick: ExtraSuppression }

/** Everything the check knows before trying the new release, in one field. */
class GateState<T> {
  private readonly index = new AtomIndex()
  private readonly base: LinearSpan<T>
  private readonly oldShown = new Set<string>()
  private readonly oldSuppressed = new Map<string, Hidden>()
  private readonly spans: Hidden[] = []
  private readonly determinedBefore = new Map<string, boolean>()
  private readonly universe: readonly string[]

  constructor(
    private readonly field: Field<T>,
    private readonly input: GateInput,
  ) {
    const { published, candidate, suppressMax } = input
    const index = this.index
    const named = namedAuthorities([...published, candidate]).map(a => a.code)
    this.universe = named.length ? [...named, REST_GROUP] : ['']
    this.base = LinearSpan.empty(field)
    const years = new Set<string>(input.yearTables.keys())
    ;[...published.map(p => p.financialYear), candidate.financialYear].forEach(fy =>
      yearsOf(fy).forEach(y => years.add(y)),
    )
    ;[...published.flatMap(p => p.tables), ...candidate.tables]
      .filter(t => t.id.startsWith('trend_'))
      .forEach(t => t.rows.forEach(r => r.code !== TOTAL && years.add(r.code)))
    years.forEach(year =>
      this.universe.forEach(group =>
        yearIdentities(year, group).forEach(({ plus, minus }) => this.base.add(vectorOf(index, plus, minus), 0)),
      ),
    )

    // Everything already out: shown figures into the span, suppressed ones to keep hidden.
    published.forEach(release =>
      release.tables.forEach(table =>
        table.rows.forEach(({ code: row }) =>
          table.columns.forEach(({ code: col }) => {
            if (isMedianCell({ tableId: table.id, col })) return
            const atoms = figureAtoms(release.financialYear, table, row, col, groupsOf(this.universe, release))
            const key = vectorKey(index, atoms)
            const value = table.values[row][col]
            if (value === SUPPRESSION_MARKER) this.oldSuppressed.set(key, { key, vector: vectorOf(index, atoms) })
            else {
              this.oldShown.add(key)
              this.base.add(vectorOf(index, atoms), value)
            }
          }),
        ),
      ),
    )

    // Spans of years whose true count is small (each form, each run of consecutive years), of the
    // whole panel and, when authorities are named, of each group of residents.
    const tableSets: { groups: readonly string[]; tables: ReadonlyMap<string, readonly StatsTable<number>[]> }[] = [
      { groups: this.universe, tables: input.yearTables },
    ]
    if (this.universe.length > 1) {
      input.groupYearTables?.forEach((tables, group) => {
        if (this.universe.includes(group)) tableSets.push({ groups: [group], tables })
      })
    }
    tableSets.forEach(({ groups, tables }) => {
      const runs = consecutiveRuns([...tables.keys()])
      allForms().forEach(form =>
        runs.forEach(run => {
          const values = run.map(year => formValue(form, year, tables.get(year) ?? []))
          for (let a = 0; a < run.length; a++) {
            let sum = 0
            for (let b = a; b < run.length; b++) {
              sum += values[b]
              if (sum > suppressMax) break
              if (sum >= 1) {
                const atoms = spanAtoms(form, run.slice(a, b + 1), groups)
                this.spans.push({ key: vectorKey(index, atoms), vector: vectorOf(index, atoms) })
              }
            }
          }
        }),
      )
    })
  }

  private alreadyDetermined(hidden: Hidden): boolean {
    let known = this.determinedBefore.get(hidden.key)
    if (known === undefined) {
      known = this.oldShown.has(hidden.key) || this.base.test(hidden.vector, false).determined
      this.determinedBefore.set(hidden.key, known)
    }
    return known
  }

  /** Tries the new release with these extra suppressions: safe, or one more figure to suppress. */
  round(extra: readonly CellRef[]): Round {
    const { candidate, suppressMax, published } = this.input
    const index = this.index
    const hiddenCells = new Set(
      suppressedCells(candidate.tables, candidate.financialYear, suppressMax, extra).map(refKey),
    )
    const shown: Shown[] = []
    const newSuppressed: Hidden[] = []
    candidate.tables.forEach(table =>
      table.rows.forEach(({ code: row }) =>
        table.columns.forEach(({ code: col }) => {
          // A median is no sum of counts: published only over enough cases, never an equation here.
          if (isMedianCell({ tableId: table.id, col })) return
          const ref = { tableId: table.id, row, col }
          const atoms = figureAtoms(candidate.financialYear, table, row, col, groupsOf(this.universe, candidate))
          const key = vectorKey(index, atoms)
          const vector = vectorOf(index, atoms)
          if (hiddenCells.has(refKey(ref))) newSuppressed.push({ key, vector })
          else {
            const isTotal = row === TOTAL || col === TOTAL
            shown.push({ ref, value: table.values[row][col], key, vector, isTotal })
          }
        }),
      ),
    )

    // A correction must not show a figure that differs by a few cases from what is already out.
    if (published.length > 0) {
      const changed = shown.find(figure => {
        const before = this.base.test(figure.vector, false)
        if (!before.determined) return false
        const size = Math.abs(
          this.field.toSigned(this.field.add(this.field.fromInt(figure.value), this.field.neg(before.value))),
        )
        return size >= 1 && size <= suppressMax
      })
      if (changed) return { safe: false, pick: { ...changed.ref, reason: 'small_change' } }
    }

    const span = this.base.fork()
    shown.forEach((figure, i) => span.add(figure.vector, figure.value, i))
    const hidden = [...this.oldSuppressed.values(), ...newSuppressed, ...this.spans].filter(
      h => !this.alreadyDetermined(h),
    )
    for (const quantity of hidden) {
      const result = span.test(quantity.vector)
      if (!result.determined) continue
      const pick = result.participants
        .map(i => shown[i])
        .sort(
          (a, b) =>
            Number(a.value === 0) - Number(b.value === 0) || Number(a.isTotal) - Number(b.isTotal) || a.value - b.value,
        )[0]
      // Unreachable: not determined before, so some new figure takes part.
      if (!pick) throw new Error('A hidden figure is determined with no new figure taking part')
      return { safe: false, pick: { ...pick.ref, reason: 'determines_hidden' } }
    }
    return { safe: true, hiddenChecked: hidden.length }
  }
}

/**
 * Suppresses what the new release must also suppress so that, with every release already out, it
 * determines no hidden quantity. Returns the release as it may be published. The search runs in
 * the fast field; its answer is confirmed in the bigint one, which sends it on if it disagrees.
 */
export function gateRelease(input: GateInput): GateResult {
  const fast = new GateState(numberField, input)
  let exact: GateState<bigint> | null = null
  const extra: ExtraSuppression[] = []
  for (;;) {
    const round = fast.round(extra)
    if (!round.safe) {
      extra.push(round.pick)
      continue
    }
    exact ??= new GateState(bigintField, input)
    const confirmed = exact.round(extra)
    if (!confirmed.safe) {
      extra.push(confirmed.pick)
      continue
    }
    return {
      release: suppressRelease(input.candidate, input.suppressMax, extra),
      extra,
      hiddenChecked: confirmed.hiddenChecked,
    }
  }
}
