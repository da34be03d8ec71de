import connectPgSimple from 'connect-pg-simple'
import session from 'express-session'
import pg from 'pg'

export interface SessionStoreHandle {
  store: session.Store
  close: () => Promise<void>
}

/** A small pool of its own keeps session reads from queueing behind long-running case queries. */
export function createSessionStore(url: string, options: { ssl?: boolean; prune?: boolean } = {}): SessionStoreHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 5,
    ssl: options.ssl ? { rejectUnauthorized: true } : undefined,
  })
  const PgStore = connectPgSimple(session)
  const store = new PgStore({
    pool,
    tableName: 'session',
    createTableIfMissing: false,
    // Expired rows are deleted every 15 minutes; an expired session is never served either way.
    pruneSessionInterval: options.prune === false ? false : 15 * 60,
  })
  return {
    store,
    close: async () => {
      store.close()
      await pool.end()
    },
  }
}
