import { QueryTypes, Sequelize, Transaction } from 'sequelize'
import type { AuditContext } from '../auditContext'
import type { ImportedCase } from './validateRow'

export interface ExistingCases {
  caseRefs: Set<string>
  /** NHS number → the reference of the case that already has it. */
  nhsNumbers: Map<string, string>
}

/** Which of these references and NHS numbers the service already holds: two indexed lookups per batch. */
export async function findExisting(
  sequelize: Sequelize,
  caseRefs: string[],
  nhsNumbers: string[],
  transaction?: Transaction,
): Promise<ExistingCases> {
  const refs = caseRefs.length
    ? await sequelize.query<{ case_ref: string }>('SELECT case_ref FROM cases WHERE case_ref = ANY($1::text[])', {
        bind: [caseRefs],
        type: QueryTypes.SELECT,
        transaction,
      })
    : []
  const nhs = nhsNumbers.length
    ? await sequelize.query<{ nhs_number: string; case_ref: string }>(
        'SELECT DISTINCT ON (nhs_number) nhs_number, case_ref FROM cases WHERE nhs_number = ANY($1::text[]) ORDER BY nhs_number, case_ref',
        { bind: [nhsNumbers], type: QueryTypes.SELECT, transaction },
      )
    : []
  return {
    caseRefs: new Set(refs.map(r => r.case_ref)),
    nhsNumbers: new Map(nhs.map(r => [r.nhs_number, r.case_ref])),
  }
}

/** Column of `cases`, its SQL type, and how to read it from an imported case. */
const COLUMNS: [string, string, (c: ImportedCase) => unknown][] = [
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
  // A joint agency response that was started was one that was required.
  ['jar_required', 'boolean', c => (c.jarDate ? true : null)],
  ['status', 'text', c => c.status],
  ['on_hold_reason', 'text', c => c.onHoldReason],
  ['review_date', 'date', c => c.reviewDate],
  ['category', 'smallint', c => c.category],
  ['modifiable_factors', 'text', c => c.modifiableFactors],
  ['preventability', 'text', c => c.preventability],
  ['learning_points', 'text', c => c.learningPoints],
]

const n = COLUMNS.length
const names = COLUMNS.map(([name]) => name).join(', ')
const arrays = COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')

/**
 * One statement per batch: the cases (one array parameter per column, so the statement stays the
 * same size whatever the batch), their first status history row, and an audit row for each, so
 * each case's timeline starts with its import.
 */
const INSERT_BATCH = `
  WITH inserted AS (
    INSERT INTO cases (${names}, imported, created_by)
    SELECT *, true, $${n + 1}::uuid FROM unnest(${arrays})
    RETURNING id, status, on_hold_reason
  ), history AS (
    INSERT INTO case_status_changes (case_id, from_status, to_status, reason_code, reason, changed_by)
    SELECT id, NULL, status, on_hold_reason, 'Imported', $${n + 1}::uuid FROM inserted
  )
  INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, request_id, ip, details)
  SELECT $${n + 1}::uuid, 'case_imported', 'case', id::text, $${n + 2}, $${n + 3}, $${n + 4}::jsonb FROM inserted`

export async function insertCases(
  sequelize: Sequelize,
  cases: ImportedCase[],
  context: AuditContext,
  importId: string,
  transaction: Transaction,
): Promise<void> {
  if (!cases.length) return
  const columns = COLUMNS.map(([, , read]) => cases.map(read))
  await sequelize.query(INSERT_BATCH, {
    bind: [...columns, context.actorUserId, context.requestId, context.ip, JSON.stringify({ import_id: importId })],
    type: QueryTypes.INSERT,
    transaction,
  })
}

// Imports wait for each other: two files holding the same child must not both pass the duplicate check.
const IMPORT_LOCK_KEY = 726_001

export async function lockImports(sequelize: Sequelize, transaction: Transaction): Promise<void> {
  await sequelize.query('SELECT pg_advisory_xact_lock($1)', { bind: [IMPORT_LOCK_KEY], transaction })
}
