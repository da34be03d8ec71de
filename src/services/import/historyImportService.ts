import crypto from 'node:crypto'
import type { Readable } from 'node:stream'
import { UniqueConstraintError } from 'sequelize'
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
  clearStaged,
  connectionOf,
  COPY_KEYS,
  COPY_ROWS,
  CopyWriter,
  createKeyTable,
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
 * Imports case history from CSV (shared/spec/import-format.md): all or nothing. The first pass
 * streams the whole file, checks every row in JavaScript (validateRow) and streams each row's
 * reference and NHS number into a temporary table with COPY, where one statement finds the
 * duplicates within the file and against the service. Only if nothing is wrong does a second
 * pass read the file again, check it again, and save it in batches (COPY into a temporary table,
 * then one INSERT … SELECT), in one transaction. Memory holds at most two batches of rows (as COPY
 * text) and twice MAX_PROBLEMS_LISTED problems, whatever the size of the file.
 */
export default class HistoryImportService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async import(open: ImportSource, options: ImportOptions): Promise<ImportResult> {
    const today = todayInLondon(this.now())
    const problems = new ProblemList(MAX_PROBLEMS_LISTED)
    const facts = await this.check(open, today, problems, options)
    if (problems.total) return failure(problems)
    if (options.dryRun) return { ok: true, dryRun: true, checked: facts.cases, imported: 0 }
    try {
      const imported = await this.save(open, today, facts, options)
      return { ok: true, dryRun: false, checked: facts.cases, imported }
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

  /** The first pass: every rule, every duplicate. Saves nothing (its temporary table goes with its transaction). */
  private async check(
    open: ImportSource,
    today: IsoDate,
    problems: ProblemList,
    options: ImportOptions,
  ): Promise<FileFacts> {
    const { sequelize } = this.db
    return this.db.transaction(async transaction => {
      await createKeyTable(sequelize, transaction)
      const keys = new CopyWriter(connectionOf(transaction), COPY_KEYS)
      const file = fingerprint()
      let cases = 0
      try {
        for await (const { row, cells, result } of this.rows(open, today, problems, file.observe)) {
          cases += 1
          if (!result.ok) problems.addAll(result.problems)
          // Only a value that is itself valid is compared: a bad one is already a problem of its row.
          const caseRef = (cells.case_ref ?? '').trim()
          const refChecked = caseRef !== '' && (result.ok || !result.problems.some(p => p.column === 'case_ref'))
          const nhsNumber = normaliseNhsNumber(cells.nhs_number ?? '')
          const nhsChecked = isValidNhsNumber(nhsNumber)
          if (refChecked || nhsChecked) {
            await keys.write(keyLine(row, refChecked ? caseRef : null, nhsChecked ? nhsNumber : null))
          }
          if (cases % BATCH_SIZE === 0) options.onProgress?.({ phase: 'checking', rows: cases })
        }
        await keys.end()
      } catch (error) {
        await keys.abort(error)
        throw error
      }
      problems.addFound(await findKeyProblems(sequelize, MAX_PROBLEMS_LISTED, transaction))
      return { cases, ...file.result() }
    })
  }

  /**
   * The second pass, in one transaction: read the file again, check every row again, and save
   * the valid ones batch by batch: COPY a batch into a temporary table, look its rows up in the
   * service, and insert them with one statement. The next batch is read and checked while the
   * database saves the last one (one statement at a time on the transaction's connection), so
   * reading and writing overlap. Imports take turns, and each batch is looked up again inside the
   * transaction, so a case added since the check is still caught; the file is fingerprinted
   * again, so a file edited in between is refused and everything saved is rolled back.
   */
  private async save(open: ImportSource, today: IsoDate, checked: FileFacts, options: ImportOptions): Promise<number> {
    const { sequelize } = this.db
    const importId = crypto.randomUUID()
    return this.db.transaction(async transaction => {
      await lockImports(sequelize, transaction)
      await createRowTable(sequelize, transaction)
      const problems = new ProblemList(MAX_PROBLEMS_LISTED)
      let saved = 0
      const saveBatch = async (lines: string, rows: number) => {
        const staged = new CopyWriter(connectionOf(transaction), COPY_ROWS)
        await staged.write(lines)
        await staged.end()
        problems.addFound(await findRowsInService(sequelize, MAX_PROBLEMS_LISTED, transaction))
        // Once anything is wrong the transaction will be rolled back: keep reading only to list every problem.
        if (!problems.total) await insertStaged(sequelize, options.actor, importId, transaction)
        await clearStaged(sequelize, transaction)
        saved += rows
        options.onProgress?.({ phase: 'saving', rows: saved })
      }
      let batch = ''
      let batchRows = 0
      let saving: Promise<void> = Promise.resolve()
      const flush = async () => {
        const [lines, rows] = [batch, batchRows]
        ;[batch, batchRows] = ['', 0]
        await saving
        saving = saveBatch(lines, rows)
        saving.catch(() => undefined) // awaited at the next flush or after the last batch
      }

      const file = fingerprint()
      for await (const { row, result } of this.rows(open, today, problems, file.observe)) {
        if (!result.ok) {
          problems.addAll(result.problems)
          continue
        }
        batch += caseLine(row, result.value)
        batchRows += 1
        if (batchRows >= BATCH_SIZE) await flush()
      }
      if (batchRows) await flush()
      await saving
      const again = file.result()
      if (again.digest !== checked.digest || saved !== checked.cases) {
        problems.add({
          row: null,
          column: null,
          message: 'the file changed while it was being imported. Nothing was saved: import it again',
        })
      }
      if (problems.total) throw new ServiceError('refused', 'The file could not be imported', { problems })

      await this.auditService.record(
        options.actor,
        {
          action: 'cases_imported',
          entityType: 'case_import',
          entityId: importId,
          // No file name: people name files after what is in them, which may be a child.
          details: { count: saved, file_size: again.bytes, via: options.via },
        },
        transaction,
      )
      return saved
    })
  }
}
