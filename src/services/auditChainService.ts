import { QueryTypes, Transaction } from 'sequelize'
import type { Database } from '../db'
import { ChainedRow, ChainHead, ChainWalker, describeChainProblem, formatChainHead } from '../domain/auditChain'

export interface ChainVerification {
  ok: boolean
  rows: number
  /** The last row checked (the chain head when ok). */
  head: ChainHead
  /** Why it failed: the first row that does not match, or a head that does not agree. */
  problem?: string
}

const BATCH = 2000

const ROWS = `
  SELECT seq::text AS "seq", id::text AS "id",
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
         actor_user_id::text AS "actorUserId", action, entity_type AS "entityType", entity_id AS "entityId",
         request_id AS "requestId", ip, details::text AS "details", prev_hash AS "prevHash", hash
  FROM audit_events ORDER BY audit_events.seq NULLS FIRST, audit_events.id`

/**
 * The audit log's hash chain (see migration 20261201030001): its current head, and a full check
 * that recomputes every row's hash here, independently of the database's own function.
 */
export default class AuditChainService {
  constructor(private readonly db: Database) {}

  async head(transaction?: Transaction): Promise<ChainHead> {
    const [row] = await this.db.sequelize.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_chain_head WHERE singleton',
      { type: QueryTypes.SELECT, transaction },
    )
    if (!row) throw new Error('The audit chain has no head row: run the migrations')
    return { seq: Number(row.seq), hash: row.hash }
  }

  /**
   * Walks the whole log in sequence order through a cursor, BATCH rows at a time, in one
   * repeatable-read snapshot (rows committed meanwhile are left for the next run). Stops at the
   * first row that does not match. `external` is a head kept outside the database: the row with
   * its sequence number must still carry its hash, so rewriting the whole chain is caught too.
   */
  async verify(external?: ChainHead): Promise<ChainVerification> {
    return this.db.sequelize.transaction(
      { isolationLevel: Transaction.ISOLATION_LEVELS.REPEATABLE_READ },
      async transaction => {
        const walker = new ChainWalker(external)
        const stored = await this.head(transaction)
        await this.db.sequelize.query(`DECLARE audit_verify NO SCROLL CURSOR FOR ${ROWS}`, { transaction })
        for (;;) {
          const rows = await this.db.sequelize.query<ChainedRow>(`FETCH ${BATCH} FROM audit_verify`, {
            type: QueryTypes.SELECT,
            transaction,
          })
          for (const row of rows) {
            const problem = walker.check(row)
            if (problem) return this.failed(walker, describeChainProblem(problem))
          }
          if (rows.length < BATCH) break
        }
        await this.db.sequelize.query('CLOSE audit_verify', { transaction })
        const last = walker.last
        if (last.seq !== stored.seq || last.hash !== stored.hash) {
          return this.failed(
            walker,
            `The log ends at ${formatChainHead(last)} but the chain head records ${formatChainHead(stored)}: ` +
              (last.seq < stored.seq ? 'rows were deleted from the end' : 'the chain head was changed'),
          )
        }
        if (external && !walker.externalSeen) {
          return this.failed(
            walker,
            `The log ends at row ${last.seq}, before the head kept outside it (${formatChainHead(external)}): rows were deleted`,
          )
        }
        if (external && walker.externalMismatch) {
          return this.failed(
            walker,
            `Row ${external.seq} no longer has the hash recorded outside the database (${formatChainHead(external)}): ` +
              'the log was rewritten',
          )
        }
        return { ok: true, rows: walker.rows, head: last }
      },
    )
  }

  private failed(walker: ChainWalker, problem: string): ChainVerification {
    return { ok: false, rows: walker.rows, head: walker.last, problem }
  }
}
