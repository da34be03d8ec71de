import type { Config } from './config'
import { createDatabase, Database } from './db'
import { ensureEmbeddedPostgres } from './db/embeddedPostgres'
import { migrateUp } from './db/migrator'

export interface OpenedDatabase {
  db: Database
  url: string
  usingEmbedded: boolean
  /** Closes the pool, and stops the embedded server if this process started it. */
  close: () => Promise<void>
}

/**
 * The one way the server and the CLI reach their database: DATABASE_URL when set, otherwise the
 * embedded development PostgreSQL under .data/ (reused if already running), then migrations.
 */
export async function openDatabase(
  config: Config,
  log: (message: string) => void = () => undefined,
): Promise<OpenedDatabase> {
  let url = config.db.url
  let stopEmbedded = async () => undefined as void
  if (!url) {
    if (config.production) throw new Error('DATABASE_URL is required in production')
    log(`Using the embedded PostgreSQL in ${config.db.embeddedDir}`)
    const embedded = await ensureEmbeddedPostgres({
      dir: config.db.embeddedDir,
      port: config.db.embeddedPort,
      database: 'cdop',
    })
    url = embedded.url
    stopEmbedded = embedded.stop
  }
  const db = createDatabase({ url, poolMax: config.db.poolMax, ssl: config.db.ssl })
  try {
    const applied = await migrateUp(db.sequelize, url)
    if (applied.length) log(`Applied ${applied.length} migration(s)`)
  } catch (error) {
    await db.close()
    await stopEmbedded()
    throw error
  }
  return {
    db,
    url,
    usingEmbedded: !config.db.url,
    close: async () => {
      await db.close()
      await stopEmbedded()
    },
  }
}
