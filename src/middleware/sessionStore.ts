import connectPgSimple from 'connect-pg-simple'
import session from 'express-session'
import pg from 'pg'
import { isDatabaseUnavailable } from '../db/databaseUnavailable'
import { logDatabaseUnavailable } from '../db/unavailableLog'
import logger from '../logger'

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
    connectionTimeoutMillis: 5000,
    keepAlive: true,
  })
  // An idle pooled connection cut by the server (a fast shutdown, a failover) emits 'error' on the
  // pool; unhandled, that ends the process. The pool drops the connection and makes a new one later.
  pool.on('error', error => logDatabaseUnavailable(error))
  const PgStore = connectPgSimple(session)
  const store = new PgStore({
    pool,
    tableName: 'session',
    createTableIfMissing: false,
    // Expired rows are deleted every 15 minutes; an expired session is never served either way.
    pruneSessionInterval: options.prune === false ? false : 15 * 60,
    errorLog: (message: string, error?: unknown) => {
      if (isDatabaseUnavailable(error)) logDatabaseUnavailable(error)
      else logger.error({ err: error }, String(message))
    },
  })
  return {
    store,
    close: async () => {
      store.close()
      await pool.end()
    },
  }
}
