import { QueryTypes, Sequelize } from 'sequelize'

/** The user name in a postgres:// URL (decoded), or '' when it has none. */
export function userOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username)
  } catch {
    return ''
  }
}

/**
 * What the app's role may do, granted by the owner after each migration run (idempotent):
 * read and write the tables, insert and read the audit log (never change or delete it), only read
 * the audit chain head, nothing on the migration log, and the same on tables later migrations create.
 * It owns nothing, so it cannot alter the schema or switch a trigger off.
 */
export const APP_ROLE_GRANTS = [
  'GRANT USAGE ON SCHEMA public TO %I',
  'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I',
  'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I',
  'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM %I',
  'REVOKE ALL ON audit_chain_head FROM %I',
  'GRANT SELECT ON audit_chain_head TO %I',
  // The statistics' data version moves only by its owner's triggers; the app reads it.
  'REVOKE ALL ON statistics_data_version, statistics_data_changes FROM %I',
  'GRANT SELECT ON statistics_data_version TO %I',
  'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
  'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I',
]

export async function grantAppRole(owner: Sequelize, appRole: string): Promise<void> {
  await owner.transaction(async transaction => {
    for (const statement of APP_ROLE_GRANTS) {
      // format('%I') quotes the role name as an identifier; the name itself comes from configuration.
      const [{ sql }] = await owner.query<{ sql: string }>('SELECT format($1, $2::text) AS sql', {
        bind: [statement, appRole],
        type: QueryTypes.SELECT,
        transaction,
      })
      await owner.query(sql, { transaction })
    }
    // The migration log (its name depends on how Umzug's storage was defined).
    const logs = await owner.query<{ name: string }>(
      `SELECT format('%I', tablename) AS name FROM pg_tables
       WHERE schemaname = 'public' AND lower(tablename) IN ('sequelizemeta', 'sequelize_meta')`,
      { type: QueryTypes.SELECT, transaction },
    )
    for (const { name } of logs) {
      const [{ sql }] = await owner.query<{ sql: string }>('SELECT format($1, $2::text) AS sql', {
        bind: [`REVOKE ALL ON ${name} FROM %I`, appRole],
        type: QueryTypes.SELECT,
        transaction,
      })
      await owner.query(sql, { transaction })
    }
  })
}

/** Why the app's role is stronger than it should be, if it is (a single-role setup, a superuser). */
export async function appRoleWarnings(app: Sequelize): Promise<string[]> {
  const [row] = await app.query<{ superuser: boolean; owner: boolean; create: boolean; user: string }>(
    `SELECT current_user AS "user",
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_events'::regclass), 'USAGE') AS owner,
            has_schema_privilege('public', 'CREATE') AS "create"`,
    { type: QueryTypes.SELECT },
  )
  const warnings: string[] = []
  if (row.superuser) warnings.push(`the app connects as ${row.user}, a superuser`)
  else if (row.owner) warnings.push(`the app connects as ${row.user}, the owner of the tables`)
  else if (row.create) warnings.push(`the app's role ${row.user} may create tables in the public schema`)
  return warnings
}
