import crypto from 'node:crypto'
import type { Readable } from 'node:stream'
import { Transaction, UniqueConstraintError } from 'sequelize'
import type { Database } from '../../db'
import { todayInLondon, type IsoDate } from '../../domain/dates'
import { isValidNhsNumber, normaliseNhsNumber } from '../../domain/nhsNumber'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'
import { readCsvRecords } from './csvRecords'
import type { ImportColumn } from './importColumns'
import { Problem, ProblemList } from './importProblem'
import {
  caseLine,
  connectionOf,
  COPY_ROWS,
  CopyWriter,
  createRowTable,
  findKeyProblems,
  findRowsInService,
  insertStaged,
  keyLine,
  lockImports,
} from './importQueries'
import { validateHeader } from './validateHeader'
import { ImportRow, RowResult, validateRow } from './validateRow'

/** Opens the file from its start; the import reads it twice (check, then save). */
export type ImportSource = () => Readable

export interface ImportProgress {
  phase: 'checking' | 'saving'
  rows: number
}

export interface ImportOptions {
  dryRun: boolean
  actor: AuditContext
  /** The file's name as the person chose it, for the audit log (never its content). */
  fileName: string
  via: 'upload' | 'command_line'
  onProgress?: (progress: ImportProgress) => void
}

export type ImportResult =
  | { ok: true; dryRun: boolean; checked: number; imported: number }
  | { ok: false; problems: Problem[]; problemCount: number }

/** Rows per batch saved (and between two progress reports). */
export const BATCH_SIZE = 2000
/** Problems listed back; the rest are only counted. */
export const MAX_PROBLEMS_LISTED = 1000

interface ReadRow {
  row: number
  cells: ImportRow
  result: RowResult
}

interface FileFacts {
  cases: number
  bytes: number
  digest: string
}

const failure = (problems: ProblemList): ImportResult => ({
  ok: false,
  problems: problems.list(),
  problemCount: problems.total,
})

/** Reads every byte of the file as it streams past: its size, and a digest to see it did not change between passes. */
function fingerprint() {
  const hash = crypto.createHash('sha256')
  let bytes = 0
  return {
    observe: (chunk: Buffer) => {
      hash.update(chunk)
      bytes += chunk.length
    },
    result: () => ({ bytes, digest: hash.digest('hex') }),
  }
}

/**
 * Imports case history from CSV (shared/spec/import-format.md): all or nothing, in one
 * transaction (imports take turns on an advisory lock; a dry run takes none). The first pass
 * streams the whole file, checks every row in JavaScript (validateRow) and COPYs it into a
 * temporary table, where one statement finds the duplicates within the file and against the
 * service. Only if nothing is wrong does a second pass read the file again to see it unchanged;
 * the staged rows are looked up in the service again and saved in batches of one INSERT … SELECT.
 * Memory holds one row at a time and at most twice MAX_PROBLEMS_LISTED problems, whatever the
 * size of the file.
 */
export default class HistoryImportService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async import(open: ImportSource, options: ImportOptions): Promise<ImportResult> {
    const today = todayInLondon(this.now())
    const { sequelize } = this.db
    try {
      return await this.db.transaction(async transaction => {
        // Imports take turns, so two files holding the same child cannot both pass the check.
        if (!options.dryRun) await lockImports(sequelize, transaction)
        const problems = new ProblemList(MAX_PROBLEMS_LISTED)
        const facts = await this.check(open, today, problems, options, transaction)
        // Nothing but the temporary table was written, and it goes with the transaction.
        if (problems.total) return failure(problems)
        if (options.dryRun) return { ok: true, dryRun: true, checked: facts.cases, imported: 0 }
        const imported = await this.save(open, today, facts, options, transaction)
        return { ok: true, dryRun: false, checked: facts.cases, imported }
      })
    } catch (error) {
      if (ServiceError.is(error, 'refused')) return failure(error.details.problems as ProblemList)
      if (error instanceof UniqueConstraintError) {
        const raced = new ProblemList()
        raced.add({
          row: null,
          column: 'case_ref',
          message:
            'a case with one of these references was added while the file was being imported. Nothing was saved: import the file again to see which',
        })
        return failure(raced)
      }
      throw error
    }
  }

  /** The valid rows of the file with their row numbers, after the header; file and header problems go to `problems`. */
  private async *rows(
    open: ImportSource,
    today: IsoDate,
    problems: ProblemList,
    observe: (chunk: Buffer) => void,
  ): AsyncGenerator<ReadRow> {
    let columns: ImportColumn[] | null = null
    let records = 0
    let rows = 0
    for await (const record of readCsvRecords(open(), p => problems.add(p), observe)) {
      records += 1
      if (!columns) {
        if (record.row !== 1) return // the header row itself could not be read, and is listed as such
        const header = validateHeader(record.cells)
        if (!header.ok) {
          problems.addAll(header.problems) // rows cannot be read without knowing their columns
          return
        }
        columns = header.columns
        continue
      }
      // A row of empty cells is what spreadsheets leave below the data; it is not a case.
      if (record.cells.every(cell => cell.trim() === '')) continue
      rows += 1
      const cells: ImportRow = {}
      columns.forEach((column, i) => (cells[column] = record.cells[i]))
      yield { row: record.row, cells, result: validateRow(cells, record.row, today) }
    }
    if (problems.total) return
    if (records === 0) {
      problems.add({
        row: null,
        column: null,
        message: 'the file is empty: it needs a header row, then one row for each case',
      })
    } else if (rows === 0) {
      problems.add({ row: null, column: null, message: 'the file has a header row but no cases under it' })
    }
  }

  /**
   * The first pass: every rule, every duplicate. Each row is checked in JavaScript and COPYed into
   * the transaction's temporary table (a valid row whole, a wrong one only its valid keys); one
   * statement then finds the duplicates.
   */
  private async check(
    open: ImportSource,
    today: IsoDate,
    problems: ProblemList,
    options: ImportOptions,
    transaction: Transaction,
  ): Promise<FileFacts> {
    const { sequelize } = this.db
    await createRowTable(sequelize, transaction)
    const staged = new CopyWriter(connectionOf(transaction), COPY_ROWS)
    const file = fingerprint()
    let cases = 0
    let valid = 0
    try {
      for await (const { row, cells, result } of this.rows(open, today, problems, file.observe)) {
        cases += 1
        if (result.ok) {
          valid += 1
          await staged.write(caseLine(valid, row, result.value))
        } else {
          problems.addAll(result.problems)
          // Only a value that is itself valid is compared: a bad one is already a problem of its row.
          const caseRef = (cells.case_ref ?? '').trim()
          const refChecked = caseRef !== '' && !result.problems.some(p => p.column === 'case_ref')
          const nhsNumber = normaliseNhsNumber(cells.nhs_number ?? '')
          const nhsChecked = isValidNhsNumber(nhsNumber)
          if (refChecked || nhsChecked) {
            await staged.write(keyLine(row, refChecked ? caseRef : null, nhsChecked ? nhsNumber : null))
          }
        }
        if (cases % BATCH_SIZE === 0) options.onProgress?.({ phase: 'checking', rows: cases })
      }
      await staged.end()
    } catch (error) {
      await staged.abort(error)
      throw error
    }
    problems.addFound(await findKeyProblems(sequelize, MAX_PROBLEMS_LISTED, transaction))
    return { cases, ...file.result() }
  }

  /**
   * The second pass, in the same transaction: read the file again to see it is byte for byte the
   * file checked (then every row is as checked, and the staged rows are the file), look the staged
   * rows up in the service again (so a case added since the check is still caught), and save them
   * in batches of one INSERT … SELECT each. A file that changed is read once more, only to list
   * its problems, and nothing is saved.
   */
  private async save(
    open: ImportSource,
    today: IsoDate,
    checked: FileFacts,
    options: ImportOptions,
    transaction: Transaction,
  ): Promise<number> {
    const { sequelize } = this.db
    const importId = crypto.randomUUID()
    const problems = new ProblemList(MAX_PROBLEMS_LISTED)
    const again = fingerprint()
    for await (const chunk of open()) again.observe(chunk as Buffer)
    const read = again.result()
    if (read.digest !== checked.digest || read.bytes !== checked.bytes) {
      problems.add({
        row: null,
        column: null,
        message: 'the file changed while it was being imported. Nothing was saved: import it again',
      })
      for await (const { result } of this.rows(open, today, problems, () => undefined)) {
        if (!result.ok) problems.addAll(result.problems)
      }
    }
    problems.addFound(await findRowsInService(sequelize, MAX_PROBLEMS_LISTED, transaction))
    if (problems.total) throw new ServiceError('refused', 'The file could not be imported', { problems })

    let saved = 0
    while (saved < checked.cases) {
      const upTo = Math.min(saved + BATCH_SIZE, checked.cases)
      await insertStaged(sequelize, options.actor, importId, saved, upTo, transaction)
      saved = upTo
      options.onProgress?.({ phase: 'saving', rows: saved })
    }
    await this.auditService.record(
      options.actor,
      {
        action: 'cases_imported',
        entityType: 'case_import',
        entityId: importId,
        // No file name: people name files after what is in them, which may be a child.
        details: { count: saved, file_size: read.bytes, via: options.via },
      },
      transaction,
    )
    return saved
  }
}
