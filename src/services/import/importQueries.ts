import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import type { PoolClient } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { QueryTypes, Sequelize, Transaction } from 'sequelize'
import type { AuditContext } from '../auditContext'
import type { Problem } from './importProblem'
import type { ImportedCase } from './validateRow'

/**
 * The database side of the history import, set-based: rows stream into a temporary table with
 * COPY; one statement finds every duplicate of the file, and one per batch saves its cases. The temporary
 * table belongs to the transaction's own connection and is dropped at its end (ON COMMIT DROP),
 * so two imports at once never see each other's rows.
 */

/**
 * The pg connection under a Sequelize transaction. COPY is a protocol of its own that Sequelize
 * cannot speak, and it must run on the transaction's own connection so that the temporary table
 * it fills, the checks and the inserts are one transaction: so the import borrows the very client
 * Sequelize took from its pool for the transaction, rather than opening another.
 */
export const connectionOf = (transaction: Transaction): PoolClient =>
  (transaction as unknown as { connection: PoolClient }).connection

/** A value as COPY's text format writes it: \N for null, backslash escapes for the separators. */
export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N'
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number') return String(value)
  return value.replace(/[\\\t\n\r]/g, c => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string)
}

/** Lines streamed into COPY … FROM STDIN in chunks of about 64 KB, waiting when the connection is busy. */
export class CopyWriter {
  private readonly stream: ReturnType<typeof copyFrom>
  private readonly done: Promise<void>
  private buffered = ''

  constructor(client: PoolClient, sql: string) {
    this.stream = client.query(copyFrom(sql))
    this.done = finished(this.stream)
    this.done.catch(() => undefined) // awaited in end(); an early failure also shows at the next write
  }

  async write(line: string): Promise<void> {
    this.buffered += line
    if (this.buffered.length < 65_536) return
    const chunk = this.buffered
    this.buffered = ''
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done])
  }

  async end(): Promise<void> {
    if (this.buffered) this.stream.write(this.buffered)
    this.buffered = ''
    this.stream.end()
    await this.done
  }

  /** Stops the COPY (the server rolls it back), so the connection can roll back the transaction. */
  async abort(reason: unknown): Promise<void> {
    this.stream.destroy(reason instanceof Error ? reason : new Error(String(reason)))
    await this.done.catch(() => undefined)
  }
}

/** Problems found in SQL: the first `limit` in the order to fix them, and how many there are in all. */
export interface FoundProblems {
  problems: Problem[]
  total: number
}

async function found(sequelize: Sequelize, sql: string, limit: number, transaction: Transaction) {
  const rows = await sequelize.query<{ row: number; col: number; message: string; total: string }>(
    `WITH problems AS (${sql})
     SELECT row, col, message, count(*) OVER () AS total FROM problems ORDER BY row, col LIMIT $1`,
    { bind: [limit], type: QueryTypes.SELECT, transaction },
  )
  return {
    problems: rows.map(r => ({ row: r.row, column: r.col === 0 ? 'case_ref' : 'nhs_number', message: r.message })),
    total: rows.length ? Number(rows[0].total) : 0,
  }
}

/**
 * Duplicates within the file (a later row repeating an earlier row's reference or NHS number) and
 * against the service (the first row with a reference or NHS number a case already has).
 */
const KEY_PROBLEMS = `
  WITH keyed AS (
    SELECT row, key_ref AS case_ref, key_nhs AS nhs_number,
           min(row) OVER (PARTITION BY key_ref) AS first_ref,
           min(row) OVER (PARTITION BY key_nhs) AS first_nhs
    FROM import_rows
  )
  SELECT row, 0 AS col, 'row ' || first_ref || ' has the same case reference: each case can be in the file only once' AS message
    FROM keyed WHERE case_ref IS NOT NULL AND row > first_ref
  UNION ALL
  SELECT k.row, 0, 'a case with this reference is already in the service'
    FROM keyed k JOIN cases c ON c.case_ref = k.case_ref WHERE k.row = k.first_ref
  UNION ALL
  SELECT row, 1, 'row ' || first_nhs || ' has the same NHS number: each child can be in the file only once'
    FROM keyed WHERE nhs_number IS NOT NULL AND row > first_nhs
  UNION ALL
  SELECT k.row, 1, 'case ' || min(c.case_ref) || ' in the service has this NHS number'
    FROM keyed k JOIN cases c ON c.nhs_number = k.nhs_number WHERE k.row = k.first_nhs GROUP BY k.row`

export async function findKeyProblems(
  sequelize: Sequelize,
  limit: number,
  transaction: Transaction,
): Promise<FoundProblems> {
  await sequelize.query('ANALYZE import_rows', { transaction }) // temporary tables have no statistics until asked
  return found(sequelize, KEY_PROBLEMS, limit, transaction)
}

/** Column of `cases`, its SQL type, and how to read it from an imported case: the staged columns. */
const COLUMNS: [string, string, (c: ImportedCase) => string | number | boolean | null][] = [
  ['case_ref', 'text', c => c.caseRef],
  ['given_names', 'text', c => c.givenNames],
  ['family_name', 'text', c => c.familyName],
  ['nhs_number', 'text', c => c.nhsNumber],
  ['date_of_birth', 'date', c => c.dateOfBirth],
  ['date_of_death', 'date', c => c.dateOfDeath],
  ['sex', 'text', c => c.sex],
  ['ethnicity', 'text', c => c.ethnicity],
  ['local_authority', 'text', c => c.localAuthority],
  ['ward', 'text', c => c.ward],
  ['postcode', 'text', c => c.postcode],
  ['resident', 'boolean', c => c.resident],
  ['place_of_death', 'text', c => c.placeOfDeath],
  ['expected', 'text', c => c.expected],
  ['notified_at', 'date', c => c.notifiedAt],
  ['jar_date', 'date', c => c.jarDate],
  ['status', 'text', c => c.status],
  ['on_hold_reason', 'text', c => c.onHoldReason],
  ['review_date', 'date', c => c.reviewDate],
  ['category', 'smallint', c => c.category],
  ['modifiable_factors', 'text', c => c.modifiableFactors],
  ['preventability', 'text', c => c.preventability],
  ['learning_points', 'text', c => c.learningPoints],
]
const names = COLUMNS.map(([name]) => name).join(', ')

/**
 * The staging table: every valid row whole (`ord` numbering the valid rows 1, 2, …), and of a
 * wrong row only its valid reference and NHS number (key_ref, key_nhs), to find duplicates.
 */
const CREATE_ROWS = `CREATE TEMPORARY TABLE import_rows (row integer NOT NULL, ord integer, key_ref text, key_nhs text,
  ${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')}) ON COMMIT DROP`
export const COPY_ROWS = `COPY import_rows (row, ord, key_ref, key_nhs, ${names}) FROM STDIN`
const NO_CASE = COLUMNS.map(() => '\\N').join('\t')

/** A valid row, the `ord`th valid row of the file. */
export const caseLine = (ord: number, row: number, value: ImportedCase): string =>
  `${row}\t${ord}\t${copyValue(value.caseRef)}\t${copyValue(value.nhsNumber)}\t${COLUMNS.map(([, , read]) => copyValue(read(value))).join('\t')}\n`

/** A row with problems: only its keys that are themselves valid. */
export const keyLine = (row: number, caseRef: string | null, nhsNumber: string | null): string =>
  `${row}\t\\N\t${copyValue(caseRef)}\t${copyValue(nhsNumber)}\t${NO_CASE}\n`

export async function createRowTable(sequelize: Sequelize, transaction: Transaction): Promise<void> {
  await sequelize.query(CREATE_ROWS, { transaction })
}

/** The staged rows whose reference or NHS number a case in the service already has. */
const SERVICE_PROBLEMS = `
  SELECT s.row, 0 AS col, 'a case with this reference is already in the service' AS message
    FROM import_rows s JOIN cases c ON c.case_ref = s.case_ref WHERE s.ord IS NOT NULL
  UNION ALL
  SELECT s.row, 1, 'case ' || min(c.case_ref) || ' in the service has this NHS number'
    FROM import_rows s JOIN cases c ON c.nhs_number = s.nhs_number WHERE s.ord IS NOT NULL GROUP BY s.row`

export async function findRowsInService(
  sequelize: Sequelize,
  limit: number,
  transaction: Transaction,
): Promise<FoundProblems> {
  await sequelize.query('CREATE INDEX ON import_rows (ord)', { transaction }) // for the batches that follow
  return found(sequelize, SERVICE_PROBLEMS, limit, transaction)
}

/**
 * One statement for the staged rows ord > $5 and ≤ $6 (a batch), in file order: the cases, their first status history row,
 * and an audit row for each, so each case's timeline starts with its import.
 */
const INSERT_STAGED = `
  WITH inserted AS (
    INSERT INTO cases (${names}, jar_required, imported, created_by)
    -- A joint agency response that was started was one that was required.
    SELECT ${names}, CASE WHEN jar_date IS NOT NULL THEN true END, true, $1::uuid
      FROM import_rows WHERE ord > $5 AND ord <= $6 ORDER BY ord
    RETURNING id, status, on_hold_reason
  ), history AS (
    INSERT INTO case_status_changes (case_id, from_status, to_status, reason_code, reason, changed_by)
    SELECT id, NULL, status, on_hold_reason, 'Imported', $1::uuid FROM inserted
  )
  INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, request_id, ip, details)
  SELECT $1::uuid, 'case_imported', 'case', id::text, $2, $3, $4::jsonb FROM inserted`

export async function insertStaged(
  sequelize: Sequelize,
  context: AuditContext,
  importId: string,
  after: number,
  upTo: number,
  transaction: Transaction,
): Promise<void> {
  await sequelize.query(INSERT_STAGED, {
    bind: [context.actorUserId, context.requestId, context.ip, JSON.stringify({ import_id: importId }), after, upTo],
    type: QueryTypes.INSERT,
    transaction,
  })
}

// Imports wait for each other: two files holding the same child must not both pass the duplicate check.
const IMPORT_LOCK_KEY = 726_001

export async function lockImports(sequelize: Sequelize, transaction: Transaction): Promise<void> {
  await sequelize.query('SELECT pg_advisory_xact_lock($1)', { bind: [IMPORT_LOCK_KEY], transaction })
}
