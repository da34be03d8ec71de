/**
 * One thing wrong with an import file. `row` counts rows as a spreadsheet shows them: the header
 * is row 1, the first case row 2, and a cell with line breaks inside it does not add rows. A
 * problem with the whole file (empty, not UTF-8) has no row; one with the header has row 1.
 */
export interface Problem {
  row: number | null
  column: string | null
  message: string
}

import { importColumnNames } from './importColumns'

/** "Row 14, date_of_death: the date of death is …", the form the command line prints. */
export function formatProblem({ row, column, message }: Problem): string {
  if (row === null) return `File: ${message}`
  return column ? `Row ${row}, ${column}: ${message}` : `Row ${row}: ${message}`
}

const COLUMN_ORDER = new Map<string, number>(importColumnNames.map((name, index) => [name, index]))
const columnIndex = (p: Problem) => (p.column === null ? -1 : (COLUMN_ORDER.get(p.column) ?? importColumnNames.length))

/**
 * The order to list problems in: by row, and within a case's row by the contract's column order
 * (the file's own problems first). The header's problems keep the order of its columns.
 */
export function compareProblems(a: Problem, b: Problem): number {
  const byRow = (a.row ?? 0) - (b.row ?? 0)
  if (byRow !== 0 || a.row === null || a.row <= 1) return byRow
  return columnIndex(a) - columnIndex(b)
}

/**
 * Keeps the first `cap` problems by row and counts all of them, so a file that is wrong on every
 * one of its 100,000 rows neither fills the memory nor a page. Problems arrive nearly in order
 * (database checks lag by a batch), so the list is trimmed back to the first `cap` as it goes.
 */
export class ProblemList {
  private items: Problem[] = []
  private count = 0

  constructor(private readonly cap = 1000) {}

  add(problem: Problem): void {
    this.count += 1
    this.items.push(problem)
    if (this.items.length >= this.cap * 2) this.items = this.items.sort(compareProblems).slice(0, this.cap)
  }

  addAll(problems: Problem[]): void {
    problems.forEach(p => this.add(p))
  }

  /**
   * Problems found in the database: the first ones in order (at most the cap: no later one could
   * be listed) and how many there are in all, so the rest are only counted.
   */
  addFound({ problems, total }: { problems: Problem[]; total: number }): void {
    this.addAll(problems)
    this.count += total - problems.length
  }

  get total(): number {
    return this.count
  }

  /** The first `cap` problems, in the order to fix them. */
  list(): Problem[] {
    return [...this.items].sort(compareProblems).slice(0, this.cap)
  }
}
