/**
 * Exact linear algebra for the disclosure check across releases: is a vector in the span of others?
 * Vectors are sparse (unknown index → coefficient) with coefficients in the integers modulo a
 * prime, so no rounding can hide a dependency. Two fields: a 26-bit prime in plain numbers (every
 * product stays below 2^53, so the arithmetic is exact and fast) for the search, and the Mersenne
 * prime 2^61 − 1 in bigint to confirm its answer. Working modulo a prime can only find *more*
 * dependencies than over the rationals, unless the prime divides some minor of the matrix, which
 * for 0/1 interval sums is most unlikely for one prime and practically impossible for both.
 *
 * The basis is kept in echelon form by pivot (the smallest unknown of each row), so reducing a
 * vector visits its unknowns in increasing order and never goes back. Each row also carries, for
 * the rows that came from "tracked" vectors (the new release's figures), which of them it is made
 * of, so a determined quantity says which new figures take part in determining it.
 */

export interface Field<T> {
  readonly zero: T
  readonly one: T
  fromInt(n: number): T
  add(a: T, b: T): T
  mul(a: T, b: T): T
  neg(a: T): T
  inv(a: T): T
  isZero(a: T): boolean
  /** The element as a signed whole number, for small differences of counts. */
  toSigned(a: T): number
}

function powerMod<T>(f: Pick<Field<T>, 'mul' | 'one'>, base: T, exponent: bigint): T {
  let result = f.one
  let b = base
  let e = exponent
  while (e > 0n) {
    if (e & 1n) result = f.mul(result, b)
    b = f.mul(b, b)
    e >>= 1n
  }
  return result
}

export const SMALL_PRIME = 67108859
export const PRIME = (1n << 61n) - 1n

/** Integers modulo a 26-bit prime, in numbers: products below 2^52, so exact. */
export const numberField: Field<number> = {
  zero: 0,
  one: 1,
  fromInt: n => ((n % SMALL_PRIME) + SMALL_PRIME) % SMALL_PRIME,
  add: (a, b) => (a + b) % SMALL_PRIME,
  mul: (a, b) => (a * b) % SMALL_PRIME,
  neg: a => (a === 0 ? 0 : SMALL_PRIME - a),
  inv: a => powerMod(numberField, a, BigInt(SMALL_PRIME - 2)),
  isZero: a => a === 0,
  toSigned: a => (a > SMALL_PRIME / 2 ? a - SMALL_PRIME : a),
}

/** Integers modulo 2^61 − 1, in bigint. */
export const bigintField: Field<bigint> = {
  zero: 0n,
  one: 1n,
  fromInt: n => ((BigInt(n) % PRIME) + PRIME) % PRIME,
  add: (a, b) => (a + b) % PRIME,
  mul: (a, b) => (a * b) % PRIME,
  neg: a => (a === 0n ? 0n : PRIME - a),
  inv: a => powerMod(bigintField, a, PRIME - 2n),
  isZero: a => a === 0n,
  toSigned: a => Number(a > PRIME / 2n ? a - PRIME : a),
}

interface BasisRow<T> {
  /** Unknowns of the row, ascending; the first is its pivot, with coefficient 1. */
  keys: number[]
  coefficients: T[]
  /** tracked vector id → coefficient: this row as a combination of tracked vectors (untracked ones left out). */
  combo: Map<number, T>
  /** The row's value: the same combination of the vectors' values. */
  value: T
}

export interface Reduction<T> {
  /** True when the vector is a combination of the basis: the quantity is determined. */
  determined: boolean
  /** Tracked vectors taking part (non-zero coefficient) in the combination that gives it, when determined. */
  participants: number[]
  /** The value the combination gives, when determined. */
  value: T
}

/**
 * A growing set of vectors in echelon form. `fork` gives a copy that shares the rows already in
 * (rows are never changed once in), so the published releases' basis is built once and each try of
 * a new release adds to a fork of it. A vector being reduced is held dense (one slot per unknown),
 * the rows sparse.
 */
export class LinearSpan<T> {
  private readonly rows: (BasisRow<T> | undefined)[] = []
  private size = 0

  private constructor(
    private readonly f: Field<T>,
    private readonly parent: LinearSpan<T> | null,
  ) {}

  static empty<T>(field: Field<T>): LinearSpan<T> {
    return new LinearSpan(field, null)
  }

  fork(): LinearSpan<T> {
    return new LinearSpan(this.f, this)
  }

  get rank(): number {
    return this.size + (this.parent?.rank ?? 0)
  }

  private row(pivot: number): BasisRow<T> | undefined {
    return this.rows[pivot] ?? this.parent?.row(pivot)
  }

  private dense(coefficients: ReadonlyMap<number, number>): T[] {
    const work: T[] = []
    let length = 0
    coefficients.forEach((_c, k) => {
      if (k + 1 > length) length = k + 1
    })
    for (let i = 0; i < length; i++) work.push(this.f.zero)
    coefficients.forEach((c, k) => {
      work[k] = this.f.fromInt(c)
    })
    return work
  }

  /** Reduces `work` in place; returns the value carried along, and fills `combo` when given. */
  private reduce(work: T[], value: T, combo: Map<number, T> | null): T {
    const f = this.f
    let v = value
    for (let i = 0; i < work.length; i++) {
      const c = work[i]
      if (f.isZero(c)) continue
      const row = this.row(i)
      if (!row) continue
      const factor = f.neg(c)
      const { keys, coefficients } = row
      for (let j = 0; j < keys.length; j++) {
        const k = keys[j]
        while (work.length <= k) work.push(f.zero)
        // The working vector is this function's to reduce in place: that is what it is for.
        // eslint-disable-next-line no-param-reassign
        work[k] = f.add(work[k], f.mul(factor, coefficients[j]))
      }
      if (combo) {
        row.combo.forEach((coefficient, key) => {
          const next = f.add(combo.get(key) ?? f.zero, f.mul(factor, coefficient))
          if (f.isZero(next)) combo.delete(key)
          else combo.set(key, next)
        })
      }
      v = f.add(v, f.mul(factor, row.value))
    }
    return v
  }

  /**
   * Adds a vector (coefficients as whole numbers) with its value. `trackedId` marks it as one whose
   * part in later combinations is wanted. Returns false when it was already in the span.
   */
  add(coefficients: ReadonlyMap<number, number>, value: number, trackedId?: number): boolean {
    const f = this.f
    const work = this.dense(coefficients)
    const combo = new Map<number, T>()
    if (trackedId !== undefined) combo.set(trackedId, f.one)
    const residual = this.reduce(work, f.fromInt(value), combo)
    const pivot = work.findIndex(c => !f.isZero(c))
    if (pivot === -1) return false
    const scale = f.inv(work[pivot])
    const keys: number[] = []
    const values: T[] = []
    for (let k = pivot; k < work.length; k++) {
      if (!f.isZero(work[k])) {
        keys.push(k)
        values.push(f.mul(work[k], scale))
      }
    }
    combo.forEach((c, k) => combo.set(k, f.mul(c, scale)))
    this.rows[pivot] = { keys, coefficients: values, combo, value: f.mul(residual, scale) }
    this.size++
    return true
  }

  /** Whether the vector is in the span, and if so which tracked vectors take part and what value it gets. */
  test(coefficients: ReadonlyMap<number, number>, withParticipants = true): Reduction<T> {
    const f = this.f
    const work = this.dense(coefficients)
    const value = this.reduce(work, f.zero, null)
    if (work.some(c => !f.isZero(c))) return { determined: false, participants: [], value: f.zero }
    let participants: number[] = []
    if (withParticipants) {
      // Once more, keeping track of the combination: only for the few quantities that are determined.
      const combo = new Map<number, T>()
      this.reduce(this.dense(coefficients), f.zero, combo)
      participants = [...combo.keys()].sort((a, b) => a - b)
    }
    // The vector minus the rows' combination is zero, so the vector is the negated combination.
    return { determined: true, participants, value: f.neg(value) }
  }
}
