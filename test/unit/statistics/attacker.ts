/**
 * An analyst who holds every published release and solves the linear system of all their shown
 * figures, written independently of the gate: its own unknowns (summary rows are unknowns of their
 * own, tied to the tables by identities it writes itself), its own reading of what each figure adds
 * up, and floating-point Gram–Schmidt least squares instead of exact modular elimination, so that
 * one mistake cannot hide in both.
 */
import type { CellValue, StatsTable } from '../../../src/domain/statistics/release'
import { HISTORY_YEARS } from './caseHistory'

type Equation = Map<string, number>

const MODIFIABLE = [
  'category_by_modifiable',
  'age_by_modifiable',
  'sex_by_modifiable',
  'ethnicity_by_modifiable',
  'expected_by_modifiable',
]
const OUTCOMES = ['identified', 'not_identified', 'inadequate_information']
const SEXES = ['male', 'female', 'other']

function periodYears(label: string): string[] {
  const [first, last = first] = label.split('..')
  return HISTORY_YEARS.slice(HISTORY_YEARS.indexOf(first), HISTORY_YEARS.indexOf(last) + 1)
}

const data = (codes: { code: string }[]) => codes.map(c => c.code).filter(c => c !== 'total')

/** What one shown or suppressed figure adds up, as the analyst reads the tables. */
export function figureEquation(label: string, table: StatsTable<CellValue>, row: string, col: string): Equation {
  const equation: Equation = new Map()
  const add = (name: string) => equation.set(name, (equation.get(name) ?? 0) + 1)
  const cols = col === 'total' ? data(table.columns) : [col]
  if (table.id.startsWith('trend_')) {
    const rows = row === 'total' ? data(table.rows) : [row]
    rows.forEach(year => cols.forEach(c => add(`${table.id}/${year}/${c}`)))
    return equation
  }
  const years = periodYears(label)
  if (table.id === 'summary') {
    if (row === 'open_at_year_end') add(`open/${years[years.length - 1]}`)
    else years.forEach(year => add(`summary/${row}/${year}`))
    return equation
  }
  const rows = row === 'total' ? data(table.rows) : [row]
  years.forEach(year => rows.forEach(r => cols.forEach(c => add(`${table.id}/${r}/${c}/${year}`))))
  return equation
}

/** What everyone knows holds in every year, as equations equal to 0. */
export function identities(tables: readonly StatsTable<CellValue>[], year: string): Equation[] {
  const layout = (id: string) => tables.find(t => t.id === id)
  const out: Equation[] = []
  const sumOf = (id: string, col: string | null, sign: number, eq: Equation) => {
    const t = layout(id)
    if (!t) return
    data(t.rows).forEach(r =>
      (col ? [col] : data(t.columns)).forEach(c =>
        eq.set(`${id}/${r}/${c}/${year}`, (eq.get(`${id}/${r}/${c}/${year}`) ?? 0) + sign),
      ),
    )
  }
  SEXES.forEach(sex => {
    const eq: Equation = new Map([[`trend_deaths_by_sex/${year}/${sex}`, -1]])
    sumOf('deaths_by_age_and_sex', sex, 1, eq)
    out.push(eq)
  })
  const deaths: Equation = new Map([[`summary/deaths/${year}`, -1]])
  sumOf('deaths_by_age_and_sex', null, 1, deaths)
  out.push(deaths)
  MODIFIABLE.forEach(id =>
    OUTCOMES.forEach(outcome => {
      const eq: Equation = new Map([[`trend_reviews_by_modifiable/${year}/${outcome}`, -1]])
      sumOf(id, outcome, 1, eq)
      out.push(eq)
    }),
  )
  const reviews: Equation = new Map([[`summary/reviews_completed/${year}`, -1]])
  sumOf('review_duration', null, 1, reviews)
  out.push(reviews)
  const bySex: Equation = new Map()
  sumOf('category_by_sex', null, 1, bySex)
  sumOf('review_duration', null, -1, bySex)
  out.push(bySex)
  return out
}

/** Where an equation's unknowns sit in its component's vectors. */
const supportOf = (eq: Equation, index: Map<string, number>) => [...eq.keys()].map(name => index.get(name) as number)

/**
 * Takes from `a` its projection on the orthonormal basis, `passes` times, and returns the value of
 * what was taken. The first pass is classical Gram–Schmidt from `a`'s own few unknowns (`support`:
 * one equation's handful, so each dot product costs a handful of steps, and a basis vector `a` does
 * not touch costs nothing); any later pass is modified Gram–Schmidt over the whole remainder, for
 * numerical stability.
 */
function project(a: Float64Array, basis: Component['basis'], support: number[] | null, passes: number): number {
  const n = a.length
  let taken = 0
  for (let pass = 0; pass < passes; pass++) {
    if (pass === 0 && support) {
      const dots = basis.map(({ q }) => support.reduce((s, i) => s + a[i] * q[i], 0))
      basis.forEach(({ q, value }, k) => {
        const dot = dots[k]
        if (dot === 0) return
        // eslint-disable-next-line no-param-reassign -- `a` is the caller's remainder, worked in place
        for (let i = 0; i < n; i++) a[i] -= dot * q[i]
        taken += dot * value
      })
      continue
    }
    basis.forEach(({ q, value }) => {
      let dot = 0
      for (let i = 0; i < n; i++) dot += a[i] * q[i]
      if (dot === 0) return
      // eslint-disable-next-line no-param-reassign -- as above
      for (let i = 0; i < n; i++) a[i] -= dot * q[i]
      taken += dot * value
    })
  }
  return taken
}

/** Orthonormal basis of the published figures' span, one per connected group of unknowns. */
interface Component {
  index: Map<string, number>
  basis: { q: Float64Array; value: number }[]
  equations: { eq: Equation; value: number }[]
}

export class Attacker {
  private readonly parent = new Map<string, string>()
  private readonly equations: { eq: Equation; value: number }[] = []
  private components: Map<string, Component> | null = null

  private find(name: string): string {
    let root = name
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as string
    this.parent.set(name, root)
    return root
  }

  private union(equation: Equation): void {
    const names = [...equation.keys()]
    names.forEach(n => {
      if (!this.parent.has(n)) this.parent.set(n, n)
    })
    names.slice(1).forEach(n => {
      const [a, b] = [this.find(names[0]), this.find(n)]
      if (a !== b) this.parent.set(a, b)
    })
  }

  know(eq: Equation, value: number): void {
    if (eq.size === 0) return
    this.union(eq)
    this.equations.push({ eq, value })
    this.components = null
  }

  /** Reads every shown figure of a release (and the identities of its years). */
  read(label: string, tables: readonly StatsTable<CellValue>[]): void {
    const years = new Set(periodYears(label))
    tables.filter(t => t.id.startsWith('trend_')).forEach(t => data(t.rows).forEach(y => years.add(y)))
    years.forEach(year => identities(tables, year).forEach(eq => this.know(eq, 0)))
    tables.forEach(table =>
      table.rows.forEach(({ code: row }) =>
        table.columns.forEach(({ code: col }) => {
          const value = table.values[row][col]
          if (typeof value === 'number') this.know(figureEquation(label, table, row, col), value)
        }),
      ),
    )
  }

  private solve(): Map<string, Component> {
    if (this.components) return this.components
    const components = new Map<string, Component>()
    this.equations.forEach(e => {
      const root = this.find([...e.eq.keys()][0])
      let c = components.get(root)
      if (!c) components.set(root, (c = { index: new Map(), basis: [], equations: [] }))
      e.eq.forEach((_v, name) => {
        if (!c.index.has(name)) c.index.set(name, c.index.size)
      })
      c.equations.push(e)
    })
    components.forEach(c => {
      const n = c.index.size
      c.equations.forEach(({ eq, value }) => {
        const a = new Float64Array(n)
        eq.forEach((v, name) => (a[c.index.get(name) as number] = v))
        const norm0 = Math.sqrt(a.reduce((s, x) => s + x * x, 0))
        let val = value - project(a, c.basis, supportOf(eq, c.index), 1)
        let norm = Math.sqrt(a.reduce((s, x) => s + x * x, 0))
        // Once more only when the first pass took most of it (Kahan and Parlett's "twice is enough"):
        // otherwise what rounding left along the basis is already negligible beside the remainder.
        if (norm < norm0 / Math.SQRT2) {
          val -= project(a, c.basis, null, 1)
          norm = Math.sqrt(a.reduce((s, x) => s + x * x, 0))
        }
        if (norm > 1e-7 * norm0) {
          for (let i = 0; i < n; i++) a[i] /= norm
          c.basis.push({ q: a, value: val / norm })
        }
      })
    })
    this.components = components
    return components
  }

  /** The value of a quantity when the published figures determine it, else null. */
  recover(eq: Equation): number | null {
    const components = this.solve()
    const names = [...eq.keys()]
    if (names.some(n => !this.parent.has(n))) return null
    const root = this.find(names[0])
    if (names.some(n => this.find(n) !== root)) return null
    const c = components.get(root)
    if (!c) return null
    const a = new Float64Array(c.index.size)
    eq.forEach((v, name) => (a[c.index.get(name) as number] = v))
    const norm0 = Math.sqrt(a.reduce((s, x) => s + x * x, 0))
    let value = project(a, c.basis, supportOf(eq, c.index), 1)
    // One pass leaves a remainder exact to rounding (far below 1e-3 of the quantity): a second only
    // matters when the remainder is that small, that is when the quantity may be determined.
    if (Math.sqrt(a.reduce((s, x) => s + x * x, 0)) > 1e-3 * norm0) return null
    value += project(a, c.basis, null, 1)
    return Math.sqrt(a.reduce((s, x) => s + x * x, 0)) < 1e-6 * norm0 ? value : null
  }
}
