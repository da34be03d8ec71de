import { Client } from 'pg'

/**
 * The database as its owner (the role migrations run as), for what the app's role may not do:
 * emptying tables between tests, and tampering with the audit log to prove it is caught.
 * MIGRATION_DATABASE_URL when the app connects as a separate role, otherwise DATABASE_URL.
 */
export function ownerUrl(): string {
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest so globalSetup starts PostgreSQL')
  return url
}

export async function asOwner<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ownerUrl() })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Runs statements in one transaction as the owner, with every trigger on audit_events switched off. */
export async function withAuditTriggersOff(...statements: string[]): Promise<void> {
  await asOwner(async client => {
    await client.query('BEGIN')
    try {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER')
      for (const sql of statements) await client.query(sql)
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER')
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    }
  })
}

/** The append-only tables and the triggers that refuse TRUNCATE on them. */
const APPEND_ONLY = [
  ['audit_events', 'audit_events_no_truncate'],
  ['statistics_releases', 'statistics_releases_no_truncate'],
] as const

/**
 * One owner connection per test file for emptying tables: a new connection per test cost a login
 * (SCRAM) and a catalogue read each time. Closed after the file (test/setupAfterEnv.ts); a
 * connection the server ended (the outage tests terminate every backend) is replaced.
 */
let resetClient: { url: string; client: Promise<Client>; plan?: ResetPlan } | undefined

function resetConnection(): NonNullable<typeof resetClient> {
  const url = ownerUrl()
  if (resetClient?.url === url) return resetClient
  const client = new Client({ connectionString: url })
  const entry: NonNullable<typeof resetClient> = {
    url,
    client: client.connect().then(() => client),
  }
  client.on('error', () => {
    if (resetClient === entry) resetClient = undefined
  })
  entry.client.catch(() => {
    if (resetClient === entry) resetClient = undefined
  })
  resetClient = entry
  return entry
}

/** Closes the connection resetAsOwner keeps (after each test file). */
export async function closeResetConnection(): Promise<void> {
  const entry = resetClient
  resetClient = undefined
  if (entry) await (await entry.client.catch(() => undefined))?.end().catch(() => undefined)
}

/** The tables in the order they can be emptied, and the query that finds which hold rows; read once per connection. */
interface ResetPlan {
  /** Every table that refers to another comes before it, so each DELETE leaves nothing dangling. */
  order: string[]
  nonEmpty: string
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
const literal = (name: string) => `'${name.replace(/'/g, "''")}'`

/**
 * Orders tables so that each comes before every table it refers to (a table's own references to
 * itself go with its rows in one DELETE). A cycle of references between tables cannot be emptied
 * row by row in any order: it fails here, by name, rather than as a foreign key error mid-reset.
 */
export function deletionOrder(tables: string[], references: { from: string; to: string }[]): string[] {
  const referrers = new Map(tables.map(table => [table, [] as string[]]))
  references.filter(r => r.from !== r.to).forEach(r => referrers.get(r.to)?.push(r.from))
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (table: string, path: string[]) => {
    if (state.get(table) === 'done') return
    if (state.get(table) === 'visiting')
      throw new Error(`Tables refer to each other in a cycle: ${[...path, table].join(' → ')}`)
    state.set(table, 'visiting')
    referrers.get(table)!.forEach(referrer => visit(referrer, [...path, table]))
    state.set(table, 'done')
    order.push(table)
  }
  tables.forEach(table => visit(table, []))
  return order
}

async function planReset(client: Client): Promise<ResetPlan> {
  const { rows } = await client.query<{ tablename: string }>(
    // Not the migration log (sequelize_meta, as Umzug names it with underscored models), nor the
    // statistics' data version: it only ever grows (emptying the cases bumps it), so a release kept
    // by an app from before the reset is never taken for the emptied data's.
    `SELECT tablename FROM pg_tables
     WHERE schemaname = 'public' AND lower(tablename) NOT IN ('sequelizemeta', 'sequelize_meta', 'statistics_data_version')
     ORDER BY tablename`,
  )
  const tables = rows.map(r => r.tablename)
  const { rows: references } = await client.query<{ from: string; to: string }>(
    `SELECT c.relname AS "from", p.relname AS "to"
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid
     JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`,
  )
  return {
    order: deletionOrder(tables, references),
    nonEmpty: `SELECT array_remove(ARRAY[${tables
      .map(name => `(SELECT ${literal(name)} WHERE EXISTS (SELECT 1 FROM ${quote(name)}))`)
      .join(', ')}]::text[], NULL) AS tables, (${tables
      .map(name => `EXISTS (SELECT 1 FROM ${quote(name)} OFFSET ${MANY_ROWS})`)
      .join(' OR ')}) AS many`,
  }
}

/** Past this many rows in a table, TRUNCATE beats DELETE (which checks each row's foreign keys). */
const MANY_ROWS = 500

/** Truncates tables with the append-only tables' triggers off for this transaction (CASCADE may reach them). */
const truncating = (tables: string[]) => [
  ...APPEND_ONLY.map(([table, trigger]) => `ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`),
  `TRUNCATE ${tables.map(quote).join(', ')} CASCADE`,
  ...APPEND_ONLY.map(([table, trigger]) => `ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`),
]

/**
 * How the tables holding rows are emptied: all at once with TRUNCATE after a test that made
 * thousands of rows, otherwise with DELETE, referring tables first, except the append-only tables,
 * which refuse DELETE whoever asks.
 */
function emptying(order: string[], holdingRows: Set<string>, many: boolean): string[] {
  const tables = order.filter(table => holdingRows.has(table))
  if (many) return truncating(tables)
  const appendOnly = new Set<string>(APPEND_ONLY.map(([table]) => table))
  return tables.flatMap(table => (appendOnly.has(table) ? truncating([table]) : [`DELETE FROM ${quote(table)}`]))
}

/**
 * Empties every table between tests as an ordinary owner (no superuser needed). Only the tables
 * that hold rows are emptied, referring tables first, with DELETE: most tests leave a few rows in a
 * handful of tables, and TRUNCATE made new files for each table and index and made every
 * connection reload its view of them (about 50 ms a test; DELETE takes about 11). After a test
 * that made thousands of rows, TRUNCATE is the faster again (DELETE took 2.5 s there). The
 * append-only tables refuse DELETE whoever asks, so they are truncated, with the trigger that
 * refuses TRUNCATE switched off for this one transaction by their owner. The audit chain starts
 * again from its first row.
 *
 * Every sequence a table owns starts again, as RESTART IDENTITY of all tables did, so ids are the
 * same whichever tables a test wrote to. Two round trips on a connection kept for the file.
 */
export async function resetAsOwner(): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const entry = resetConnection()
    try {
      const client = await entry.client
      entry.plan ??= await planReset(client)
      const { rows } = await client.query<{ tables: string[]; many: boolean }>(entry.plan.nonEmpty)
      const holdingRows = new Set([...rows[0].tables, 'audit_chain_head'])
      await client.query(
        [
          'BEGIN',
          ...emptying(entry.plan.order, holdingRows, rows[0].many),
          // Sequences of the tables left alone start again too (a refused insert still takes a number).
          `SELECT setval(s.seqrelid::regclass, s.seqstart, false)
           FROM pg_sequence s
           JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.deptype IN ('a', 'i')
           JOIN pg_class t ON t.oid = d.refobjid
           JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'`,
          `INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, 0, repeat('0', 64))`,
          'COMMIT',
        ].join(';\n'),
      )
      return
    } catch (error) {
      // Once more, on a fresh connection when the server had ended this one, and with the table list
      // read again (a migration test may have dropped or made tables).
      entry.plan = undefined
      const client = await entry.client.catch(() => undefined)
      await client?.query('ROLLBACK').catch(() => undefined)
      if (resetClient !== entry || !client) {
        if (resetClient === entry) resetClient = undefined
        await client?.end().catch(() => undefined)
      }
      if (attempt >= 2) throw error
    }
  }
}
