import type { IncomingMessage } from 'node:http'
import connectPgSimple from 'connect-pg-simple'
import session from 'express-session'
import pg from 'pg'
import { isDatabaseUnavailable } from '../db/databaseUnavailable'
import { logDatabaseUnavailable } from '../db/unavailableLog'
import type { Role } from '../domain/codes'
import logger from '../logger'
import { wellFormedJson } from '../domain/wellFormedText'

export interface SessionStoreHandle {
  store: session.Store
  close: () => Promise<void>
}

/** The signed-in account as it was read with this request's session (see PgSessionStore.get). */
export interface SessionAccount {
  /** The session it was read with: only that session's request may use it. */
  sid: string
  id: string
  name: string
  email: string
  roles: Role[]
  active: boolean
}

/**
 * A rolling session's expiry is written back at most this often: a request within this long of the
 * last write leaves the row alone, so a session idles out between SESSION_IDLE_MINUTES less this and
 * SESSION_IDLE_MINUTES after the last request (never later than the cookie says), and most requests
 * write nothing.
 */
export const TOUCH_INTERVAL_MS = 60_000

// Symbols: never enumerated, never serialised, so they are neither stored nor part of the
// "was the session changed" hash that express-session takes when it loads a session.
const ACCOUNT = Symbol('account read with the session')
const STORED_EXPIRE = Symbol('expiry as stored')

type Carrier = { [ACCOUNT]?: SessionAccount | null; [STORED_EXPIRE]?: number }

/** The account read in the same query as this request's session, if it was (undefined: look it up). */
export function accountReadWithSession(
  req: IncomingMessage & { sessionID?: string },
): SessionAccount | null | undefined {
  const account = (req as Carrier)[ACCOUNT]
  if (account === undefined) return undefined
  return account && account.sid === req.sessionID ? account : undefined
}

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

interface BaseStore extends session.Store {
  query(sql: string, params: unknown[], fn: (err: Error | null, row?: Record<string, unknown>) => void): void
  quotedTable(): string
  set(sid: string, sess: session.SessionData, fn?: (err?: unknown) => void): void
  destroy(sid: string, fn?: (err?: unknown) => void): void
  touch(sid: string, sess: session.SessionData, fn?: (err?: unknown) => void): void
  close(): void
  pruneSessions(): void
  pruneTimer?: NodeJS.Timeout
  closed?: boolean
}
const BasePgStore = connectPgSimple(session) as unknown as new (options: connectPgSimple.PGStoreOptions) => BaseStore

/**
 * connect-pg-simple's store, with two round trips of every signed-in request saved:
 *
 * - get() reads the account named by the session in the same query (a join), so passport need not
 *   read it again. It is still the account as it is now, so a deactivation or a change of roles
 *   takes effect on the very next request, on every instance. A session half signed in (password
 *   right, second factor to come: `pendingSignIn`, no `passport.user`) joins no account and stays
 *   half signed in.
 * - touch() leaves the row alone when its stored expiry is within TOUCH_INTERVAL_MS of the new one.
 *
 * The session itself is as before: a row in PostgreSQL, so any instance can serve any request. What
 * the read learnt travels on the request (symbols on req and req.session), never in a cache.
 */
export class PgSessionStore extends BasePgStore {
  private readonly pruneEveryMs: number | false

  constructor(options: connectPgSimple.PGStoreOptions) {
    super(options)
    this.pruneEveryMs = options.pruneSessionInterval === false ? false : (options.pruneSessionInterval ?? 900) * 1000
  }

  /**
   * Every statement of the store goes through here; the session (an object) is written as JSON
   * whose strings are well formed, so a value the service cut in the middle of a character (a
   * lone surrogate, which PostgreSQL's json refuses) can never fail the request that saves it.
   */
  override query(sql: string, params: unknown[], fn: (err: Error | null, row?: Record<string, unknown>) => void): void {
    const safe = params.map(p => (p !== null && typeof p === 'object' && !(p instanceof Date) ? wellFormedJson(p) : p))
    super.query(sql, safe, fn)
  }

  override get(sid: string, fn: (err: unknown, sess?: session.SessionData | null) => void): void {
    // The base store starts its pruning timer in each of its own methods; this one replaces its get.
    if (this.pruneEveryMs && !this.closed && !this.pruneTimer) {
      this.pruneTimer = setTimeout(() => this.pruneSessions(), this.pruneEveryMs)
      this.pruneTimer.unref()
    }
    this.query(
      `SELECT s.sess, extract(epoch FROM s.expire::timestamptz) * 1000 AS expire,
              u.id, u.name, u.email, u.roles, u.active
         FROM ${this.quotedTable()} s
         LEFT JOIN users u
           ON u.id = CASE WHEN (s.sess #>> '{passport,user}') ~ '${UUID}' THEN (s.sess #>> '{passport,user}')::uuid END
        WHERE s.sid = $1 AND s.expire >= to_timestamp($2)`,
      [sid, Math.ceil(Date.now() / 1000)],
      (err, row) => {
        if (err) return fn(err)
        if (!row) return fn(null, null)
        let sess: session.SessionData & Carrier
        try {
          sess = typeof row.sess === 'string' ? JSON.parse(row.sess) : (row.sess as session.SessionData)
        } catch {
          return this.destroy(sid, fn)
        }
        sess[STORED_EXPIRE] = Number(row.expire)
        sess[ACCOUNT] = row.id
          ? {
              sid,
              id: String(row.id),
              name: String(row.name),
              email: String(row.email),
              roles: row.roles as Role[],
              active: Boolean(row.active),
            }
          : null
        return fn(null, sess)
      },
    )
  }

  /** Hands what get() read on to this request: the account to req, the stored expiry to the session. */
  override createSession(req: IncomingMessage, sess: session.SessionData): session.Session & session.SessionData {
    const carried = sess as session.SessionData & Carrier
    const account = carried[ACCOUNT]
    const expire = carried[STORED_EXPIRE]
    const created = super.createSession(req as never, sess) as session.Session & session.SessionData & Carrier
    ;(req as Carrier)[ACCOUNT] = account
    if (expire !== undefined) Object.defineProperty(created, STORED_EXPIRE, { value: expire, enumerable: false })
    return created
  }

  override touch(sid: string, sess: session.SessionData, fn?: (err?: unknown) => void): void {
    const stored = (sess as Carrier)[STORED_EXPIRE]
    const next = sess?.cookie?.expires ? new Date(sess.cookie.expires).valueOf() : NaN
    if (stored !== undefined && Number.isFinite(next) && next - stored < TOUCH_INTERVAL_MS) {
      fn?.()
      return
    }
    super.touch(sid, sess, fn)
  }
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
  const store = new PgSessionStore({
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
