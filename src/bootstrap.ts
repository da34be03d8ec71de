import type { Config } from './config'
import { createDatabase, Database } from './db'
import { createSequelize } from './db/connection'
import { ensureEmbeddedPostgres } from './db/embeddedPostgres'
import { migrateUp } from './db/migrator'
import { appRoleWarnings, grantAppRole, userOf } from './db/privileges'

export interface OpenedDatabase {
  db: Database
  /** The URL `db` connects with (the app's role, or the owner's for the command line). */
  url: string
  usingEmbedded: boolean
  /** Closes the pool, and stops the embedded server if this process started it. */
  close: () => Promise<void>
}

export interface OpenOptions {
  /** 'app' (the server): the role that serves requests. 'owner': the command line's admin tasks. */
  as?: 'app' | 'owner'
}

/**
 * The one way the server and the CLI reach their database. Two roles: migrations run as the owner
 * (MIGRATION_DATABASE_URL, or DATABASE_URL in a single-role setup), which then grants the app's
 * role (DATABASE_URL) what it needs and no more; requests are served as the app's role. Without
 * DATABASE_URL: the embedded development PostgreSQL under .data/ (reused if already running), its
 * superuser as the owner and a cdop_app role it creates itself.
 */
export async function openDatabase(
  config: Config,
  log: (message: string) => void = () => undefined,
  options: OpenOptions = {},
): Promise<OpenedDatabase> {
  let appUrl = config.db.url
  let ownerUrl = config.db.migrationUrl
  let stopEmbedded = async () => undefined as void
  if (!appUrl || !ownerUrl) {
    if (config.production) throw new Error('DATABASE_URL is required in production')
    log(`Using the embedded PostgreSQL in ${config.db.embeddedDir}`)
    const embedded = await ensureEmbeddedPostgres({
      dir: config.db.embeddedDir,
      port: config.db.embeddedPort,
      database: 'cdop',
    })
    appUrl = embedded.appUrl
    ownerUrl = embedded.url
    stopEmbedded = embedded.stop
  }
  const url = options.as === 'owner' ? ownerUrl : appUrl
  let db: Database | undefined
  try {
    await migrateAndGrant(ownerUrl, appUrl, config.db.ssl, log)
    db = createDatabase({ url, poolMax: config.db.poolMax, ssl: config.db.ssl })
    if (options.as !== 'owner') {
      for (const warning of await appRoleWarnings(db.sequelize)) {
        log(`Warning: ${warning}: it could change or empty the audit log. See "Database roles" in the README.`)
      }
    }
  } catch (error) {
    await db?.close()
    await stopEmbedded()
    throw error
  }
  const opened = db
  return {
    db: opened,
    url,
    usingEmbedded: !config.db.url,
    close: async () => {
      await opened.close()
      await stopEmbedded()
    },
  }
}

/** Applies pending migrations as the owner, then the app role's grants when it is a separate role. */
export async function migrateAndGrant(
  ownerUrl: string,
  appUrl: string,
  ssl: boolean,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  const owner = createSequelize({ url: ownerUrl, poolMax: 2, ssl })
  try {
    const applied = await migrateUp(owner, ownerUrl)
    if (applied.length) log(`Applied ${applied.length} migration(s)`)
    const appRole = userOf(appUrl)
    if (appRole && appRole !== userOf(ownerUrl)) await grantAppRole(owner, appRole)
  } finally {
    await owner.close()
  }
}
