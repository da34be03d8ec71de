/**
 * The little the statistics need to know about financial year codes (`2016-17`, `1999-00`) and
 * pooled periods (`2014-15..2016-17`). Kept here, and tiny, so the statistics depend on nothing
 * but the code lists.
 */

const financialYearPattern = /^(\d{4})-(\d{2})$/

/** Start year of a financial year code (2016 for `2016-17`), or null when it is not one. */
export function startYearOf(code: string): number | null {
  const match = financialYearPattern.exec(code)
  if (!match) return null
  const start = Number(match[1])
  return (start + 1) % 100 === Number(match[2]) ? start : null
}

function codeOf(start: number): string {
  return `${String(start).padStart(4, '0')}-${String((start + 1) % 100).padStart(2, '0')}`
}

/** A pooled release's financial year reads `first..last` (statistics.md §4). */
export function isPooled(financialYear: string): boolean {
  return financialYear.includes('..')
}

/** Year Y of the contract: the release's year, or the last of its pooled years. */
export function lastFinancialYear(financialYear: string): string {
  return financialYear.split('..').at(-1) ?? financialYear
}

/** Every financial year a release covers, oldest first: one, or each of its pooled years. */
export function yearsOf(financialYear: string): string[] {
  const ends = financialYear.split('..')
  const [first, last] = [startYearOf(ends[0]), startYearOf(ends.at(-1) ?? '')]
  if (ends.length > 2 || first === null || last === null || last < first) {
    throw new RangeError(`Not a financial year or a span of them: ${financialYear}`)
  }
  return Array.from({ length: last - first + 1 }, (_, i) => codeOf(first + i))
}
