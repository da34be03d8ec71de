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
 * Empties every table between tests as an ordinary owner (no superuser needed): the audit log
 * refuses TRUNCATE by trigger, and only its owner may switch that trigger off, for this one
 * transaction. The chain starts again from its first row.
 */
export async function resetAsOwner(): Promise<void> {
  await asOwner(async client => {
    const { rows } = await client.query<{ tablename: string }>(
      // Not the migration log (sequelize_meta, as Umzug names it with underscored models).
      `SELECT tablename FROM pg_tables
       WHERE schemaname = 'public' AND lower(tablename) NOT IN ('sequelizemeta', 'sequelize_meta')`,
    )
    const tables = rows.map(r => `"${r.tablename}"`).join(', ')
    await client.query('BEGIN')
    try {
      for (const [table, trigger] of APPEND_ONLY) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`)
      await client.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`)
      for (const [table, trigger] of APPEND_ONLY) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`)
      await client.query(`INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, 0, repeat('0', 64))`)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    }
  })
}
