import { createHash } from 'node:crypto'

/** The prev_hash of the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64)

/** One audit row as the verifier reads it: every value as PostgreSQL renders it, nothing re-parsed. */
export interface ChainedRow {
  seq: string | null
  id: string
  /** `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` */
  occurredAt: string
  actorUserId: string | null
  action: string
  entityType: string | null
  entityId: string | null
  requestId: string | null
  ip: string | null
  /** `details::text`: PostgreSQL's normalised jsonb text, used as it is */
  details: string
  prevHash: string | null
  hash: string | null
}

export interface ChainHead {
  seq: number
  hash: string
}

const str = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value))

/**
 * The canonical serialisation of a row, byte for byte what the database's audit_event_canonical()
 * builds (migration 20261201030001): compact JSON, keys sorted, strings escaped as JSON.stringify
 * and PostgreSQL's to_json() both escape them, details as jsonb text, the time in UTC to the microsecond.
 */
export function canonicalAuditRow(row: ChainedRow, seq: string | number, prevHash: string): string {
  return (
    `{"action":${str(row.action)},"actor_user_id":${str(row.actorUserId)},"details":${row.details}` +
    `,"entity_id":${str(row.entityId)},"entity_type":${str(row.entityType)},"id":${row.id}` +
    `,"ip":${str(row.ip)},"occurred_at":${str(row.occurredAt)},"prev_hash":${str(prevHash)}` +
    `,"request_id":${str(row.requestId)},"seq":${seq}}`
  )
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

export const chainHash = (row: ChainedRow, seq: string | number, prevHash: string): string =>
  sha256Hex(canonicalAuditRow(row, seq, prevHash))

/** `123:ab12…` (the form the server logs and `audit:head` prints), or null when it is not one. */
export function parseChainHead(text: string): ChainHead | null {
  const match = /^\s*(\d{1,18}):([0-9a-f]{64})\s*$/.exec(text)
  return match ? { seq: Number(match[1]), hash: match[2] } : null
}

/** The last head written anywhere in a text (a log file, a note), or null. */
export function lastChainHeadIn(text: string): ChainHead | null {
  const matches = [...text.matchAll(/\b(\d{1,18}):([0-9a-f]{64})\b/g)]
  const last = matches.at(-1)
  return last ? { seq: Number(last[1]), hash: last[2] } : null
}

export const formatChainHead = (head: ChainHead): string => `${head.seq}:${head.hash}`

export type ChainProblem =
  | { kind: 'unchained'; id: string }
  | { kind: 'gap'; id: string; expectedSeq: number; seq: number }
  | { kind: 'duplicate'; id: string; seq: number }
  | { kind: 'broken_link'; id: string; seq: number }
  | { kind: 'altered'; id: string; seq: number }

/**
 * Checks rows in seq order, one batch at a time, keeping only the previous row's hash: memory stays
 * flat however long the log. `check` returns the first problem of a row, or null.
 */
export class ChainWalker {
  private expectedSeq = 1
  private previousHash = GENESIS_HASH
  private lastSeen: ChainHead = { seq: 0, hash: GENESIS_HASH }
  rows = 0
  /** Whether the row with the external head's seq was met, and whether its hash differed. */
  externalSeen = false
  externalMismatch = false

  constructor(private readonly external?: ChainHead) {
    if (external?.seq === 0) {
      this.externalSeen = true
      this.externalMismatch = external.hash !== GENESIS_HASH
    }
  }

  check(row: ChainedRow): ChainProblem | null {
    this.rows += 1
    if (row.seq === null || row.hash === null || row.prevHash === null) return { kind: 'unchained', id: row.id }
    const seq = Number(row.seq)
    if (seq < this.expectedSeq) return { kind: 'duplicate', id: row.id, seq }
    if (seq > this.expectedSeq) return { kind: 'gap', id: row.id, expectedSeq: this.expectedSeq, seq }
    if (row.prevHash !== this.previousHash) return { kind: 'broken_link', id: row.id, seq }
    if (chainHash(row, row.seq, row.prevHash) !== row.hash) return { kind: 'altered', id: row.id, seq }
    if (this.external && seq === this.external.seq) {
      this.externalSeen = true
      this.externalMismatch = row.hash !== this.external.hash
    }
    this.expectedSeq = seq + 1
    this.previousHash = row.hash
    this.lastSeen = { seq, hash: row.hash }
    return null
  }

  get last(): ChainHead {
    return this.lastSeen
  }
}

/** What a problem means, for the person running `audit:verify`. */
export function describeChainProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'unchained':
      return `Audit row id ${problem.id} has no place in the chain: it was written with the chain trigger switched off`
    case 'gap':
      return (
        `Audit row id ${problem.id} has sequence number ${problem.seq} but ${problem.expectedSeq} was expected: ` +
        `row(s) ${problem.expectedSeq}${problem.seq - 1 > problem.expectedSeq ? `..${problem.seq - 1}` : ''} were deleted`
      )
    case 'duplicate':
      return `Audit row id ${problem.id} repeats sequence number ${problem.seq}: a row was inserted into the chain`
    case 'broken_link':
      return `Audit row ${problem.seq} (id ${problem.id}) does not follow the row before it: the previous row was changed or replaced`
    case 'altered':
      return `Audit row ${problem.seq} (id ${problem.id}) does not match its hash: the row was changed after it was written`
  }
}
