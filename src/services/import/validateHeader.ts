import { ImportColumn, importColumnNames, isImportColumn, requiredColumns } from './importColumns'
import type { Problem } from './importProblem'

export type HeaderResult = { ok: true; columns: ImportColumn[] } | { ok: false; problems: Problem[] }

/** Edit distance, for suggesting the column a misspelt name was meant to be. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}

function suggestionFor(name: string): string | null {
  const wanted = name.toLowerCase().replace(/[\s-]+/g, '_')
  let best: string | null = null
  let bestDistance = 3 // more than two edits away is not a misspelling worth guessing at
  for (const column of importColumnNames) {
    const d = distance(wanted, column)
    if (d < bestDistance) [best, bestDistance] = [column, d]
  }
  return best
}

/**
 * Checks the header row: every name must be a column of the contract (so a misspelt column is
 * never silently dropped), none may appear twice, and every required column must be there.
 * Names are compared exactly, after trimming spaces around them.
 */
export function validateHeader(cells: string[]): HeaderResult {
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  const names = cells.map(cell => cell.trim())
  names.forEach((name, index) => {
    const position = index + 1
    if (!name) {
      problems.push({ row: 1, column: null, message: `column ${position} has no name in the header row` })
      return
    }
    if (!isImportColumn(name)) {
      const suggestion = suggestionFor(name)
      const hint = suggestion ? `did you mean ${suggestion}?` : 'check it against the template'
      problems.push({ row: 1, column: name, message: `this is not a column of the import: ${hint}` })
      return
    }
    const first = seen.get(name)
    if (first !== undefined) {
      problems.push({ row: 1, column: name, message: `this column appears twice, as columns ${first} and ${position}` })
      return
    }
    seen.set(name, position)
  })
  for (const required of requiredColumns) {
    if (!seen.has(required)) {
      problems.push({ row: 1, column: required, message: 'this required column is missing from the header row' })
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, columns: names as ImportColumn[] }
}
