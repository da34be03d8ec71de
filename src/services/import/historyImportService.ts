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
import { ExistingCases, findExisting, insertCases, lockImports } from './importQueries'
import { validateHeader } from './validateHeader'
import { ImportedCase, ImportRow, RowResult, validateRow } from './validateRow'

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

/** Rows per database round trip, both for the duplicate lookups and for the inserts. */
export const BATCH_SIZE = 2000
/** Problems listed back; the rest are only counted. */
export const MAX_PROBLEMS_LISTED = 1000

interface ReadRow {
  row: number
  cells: ImportRow
  result: RowResult
}

/** The identity of a row to look up in the service: only values that are themselves valid. */
interface RowKeys {
  row: number
  caseRef: string | null
  nhsNumber: string | null
}

interface SavedRow {
  row: number
  value: ImportedCase
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

function alreadyInService(keys: RowKeys[], existing: ExistingCases): Problem[] {
  const problems: Problem[] = []
  for (const { row, caseRef, nhsNumber } of keys) {
    if (caseRef && existing.caseRefs.has(caseRef)) {
      problems.push({ row, column: 'case_ref', message: 'a case with this reference is already in the service' })
    }
    const other = nhsNumber ? existing.nhsNumbers.get(nhsNumber) : undefined
    if (other) problems.push({ row, column: 'nhs_number', message: `case ${other} in the service has this NHS number` })
  }
  return problems
}

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
 * streams the whole file and checks every row, duplicates within the file and against the
 * service; only if nothing is wrong does a second pass read it again and save it in batches, in
 * one transaction. Memory holds one batch of rows plus the references and NHS numbers seen so far.
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

  /** The first pass: every rule, every duplicate. Saves nothing. */
  private async check(
    open: ImportSource,
    today: IsoDate,
    problems: ProblemList,
    options: ImportOptions,
  ): Promise<FileFacts> {
    // Strings and row numbers only: enough to name the earlier row of a duplicate.
    const rowOfRef = new Map<string, number>()
    const rowOfNhs = new Map<string, number>()
    let pending: RowKeys[] = []
    const lookUp = async () => {
      const existing = await findExisting(
        this.db.sequelize,
        pending.flatMap(k => (k.caseRef ? [k.caseRef] : [])),
        pending.flatMap(k => (k.nhsNumber ? [k.nhsNumber] : [])),
      )
      problems.addAll(alreadyInService(pending, existing))
      pending = []
    }

    const file = fingerprint()
    let cases = 0
    for await (const { row, cells, result } of this.rows(open, today, problems, file.observe)) {
      cases += 1
      const flagged = new Set(result.ok ? [] : result.problems.map(p => p.column))
      if (!result.ok) problems.addAll(result.problems)
      const keys: RowKeys = { row, caseRef: null, nhsNumber: null }

      const caseRef = (cells.case_ref ?? '').trim()
      if (caseRef && !flagged.has('case_ref')) {
        const first = rowOfRef.get(caseRef)
        if (first === undefined) {
          rowOfRef.set(caseRef, row)
          keys.caseRef = caseRef
        } else {
          problems.add({
            row,
            column: 'case_ref',
            message: `row ${first} has the same case reference: each case can be in the file only once`,
          })
        }
      }
      const nhsNumber = normaliseNhsNumber(cells.nhs_number ?? '')
      if (isValidNhsNumber(nhsNumber)) {
        const first = rowOfNhs.get(nhsNumber)
        if (first === undefined) {
          rowOfNhs.set(nhsNumber, row)
          keys.nhsNumber = nhsNumber
        } else {
          problems.add({
            row,
            column: 'nhs_number',
            message: `row ${first} has the same NHS number: each child can be in the file only once`,
          })
        }
      }
      if (keys.caseRef || keys.nhsNumber) pending.push(keys)
      if (pending.length >= BATCH_SIZE) await lookUp()
      if (cases % BATCH_SIZE === 0) options.onProgress?.({ phase: 'checking', rows: cases })
    }
    if (pending.length) await lookUp()
    return { cases, ...file.result() }
  }

  /**
   * The second pass, in one transaction: read the file again and save it batch by batch. Imports
   * take turns, and each batch is looked up again inside the transaction, so a case added since
   * the check is still caught; the file is fingerprinted again, so a file edited in between is refused.
   */
  private async save(open: ImportSource, today: IsoDate, checked: FileFacts, options: ImportOptions): Promise<number> {
    const { sequelize } = this.db
    const importId = crypto.randomUUID()
    return this.db.transaction(async transaction => {
      await lockImports(sequelize, transaction)
      const problems = new ProblemList(MAX_PROBLEMS_LISTED)
      let batch: SavedRow[] = []
      let saved = 0
      const saveBatch = async (rows: SavedRow[]) => {
        const existing = await findExisting(
          sequelize,
          rows.map(r => r.value.caseRef),
          rows.flatMap(r => (r.value.nhsNumber ? [r.value.nhsNumber] : [])),
          transaction,
        )
        problems.addAll(
          alreadyInService(
            rows.map(r => ({ row: r.row, caseRef: r.value.caseRef, nhsNumber: r.value.nhsNumber })),
            existing,
          ),
        )
        // Once anything is wrong the transaction will be rolled back: keep reading only to list every problem.
        const cases = rows.map(r => r.value)
        if (!problems.total) await insertCases(sequelize, cases, options.actor, importId, transaction)
        saved += rows.length
        options.onProgress?.({ phase: 'saving', rows: saved })
      }
      // The next batch is read and checked while the database saves the last one; one statement at a time.
      let saving: Promise<void> = Promise.resolve()
      const flush = async () => {
        const rows = batch
        batch = []
        await saving
        saving = saveBatch(rows)
        saving.catch(() => undefined) // awaited at the next flush or after the last batch
      }

      const file = fingerprint()
      for await (const { row, result } of this.rows(open, today, problems, file.observe)) {
        if (!result.ok) problems.addAll(result.problems)
        else batch.push({ row, value: result.value })
        if (batch.length >= BATCH_SIZE) await flush()
      }
      if (batch.length) await flush()
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
