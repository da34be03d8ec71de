import connectPgSimple from 'connect-pg-simple'
import session from 'express-session'
import pg from 'pg'
import type { Role } from '../domain/codes'

/** The signed-in account as the request sees it (what deserializeUser hands on). */
export interface SessionUser {
  id: string
  name: string
  email: string
  roles: Role[]
}

export interface SessionStoreHandle {
  store: session.Store
  close: () => Promise<void>
}

/**
 * A rolling session's expiry is written back at most this often: a request within this long of the
 * last write leaves the row alone, so a session idles out between SESSION_IDLE_MINUTES less this and
 * SESSION_IDLE_MINUTES (never later than the cookie says), and most requests make no write at all.
 */
export const TOUCH_INTERVAL_MS = 60_000

/** What one request's session read learnt, kept only until that same request uses it (or briefly). */
interface Loaded {
  expire: number
  user: (SessionUser & { active: boolean }) | null
  at: number
}
const MAX_LOADED = 5_000
const LOADED_TTL_MS = 10_000

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

/**
 * connect-pg-simple's store, with the account read in the same query as the session (one round trip
 * instead of two on every signed-in request, and still the account as it is now, so deactivation or
 * a change of roles takes effect at once), and the rolling expiry written back at most once a
 * TOUCH_INTERVAL_MS. The session itself is as before: a row in PostgreSQL, so any instance can serve
 * any request.
 */
const BasePgStore = connectPgSimple(session)

export class PgSessionStore extends (BasePgStore as unknown as new (
  options: connectPgSimple.PGStoreOptions,
) => session.Store & {
  query: (sql: string, params: unknown[], fn: (err: Error | null, row?: Record<string, unknown>) => void) => void
  quotedTable: () => string
  destroy: (sid: string, fn?: (err?: unknown) => void) => void
}) {
  private readonly loaded = new Map<string, Loaded>()

  override get(sid: string, fn: (err: unknown, sess?: session.SessionData | null) => void): void {
    this.query(
      `SELECT s.sess, extract(epoch FROM s.expire) * 1000 AS expire, u.id, u.name, u.email, u.roles, u.active
         FROM ${this.quotedTable()} s
         LEFT JOIN users u
           ON u.id = CASE WHEN (s.sess #>> '{passport,user}') ~ '${UUID}' THEN (s.sess #>> '{passport,user}')::uuid END
        WHERE s.sid = $1 AND s.expire >= to_timestamp($2)`,
      [sid, Math.ceil(Date.now() / 1000)],
      (err, row) => {
        if (err) return fn(err)
        if (!row) return fn(null, null)
        let sess: session.SessionData
        try {
          sess = typeof row.sess === 'string' ? JSON.parse(row.sess) : (row.sess as session.SessionData)
        } catch {
          return this.destroy(sid, fn)
        }
        this.remember(sid, {
          expire: Number(row.expire),
          user: row.id
            ? {
                id: String(row.id),
                name: String(row.name),
                email: String(row.email),
                roles: row.roles as Role[],
                active: Boolean(row.active),
              }
            : null,
          at: Date.now(),
        })
        return fn(null, sess)
      },
    )
  }

  override set(sid: string, sess: session.SessionData, fn?: (err?: unknown) => void): void {
    this.loaded.delete(sid)
    BasePgStore.prototype.set.call(this, sid, sess, fn)
  }

  override touch(sid: string, sess: session.SessionData, fn?: (err?: unknown) => void): void {
    const last = this.take(sid)
    const next = sess?.cookie?.expires ? new Date(sess.cookie.expires).valueOf() : NaN
    if (last && Number.isFinite(next) && next - last.expire < TOUCH_INTERVAL_MS) {
      fn?.()
      return
    }
    BasePgStore.prototype.touch.call(this, sid, sess, fn)
  }

  /**
   * The account read with this request's session, if it is the one named: undefined when it was
   * not read (then the caller looks it up), null when there is no such account.
   */
  takeUser(sid: string, id: string): (SessionUser & { active: boolean }) | null | undefined {
    const entry = this.loaded.get(sid)
    if (!entry || Date.now() - entry.at > LOADED_TTL_MS) return undefined
    // The expiry stays for touch(); the account is handed out once.
    const user = entry.user
    entry.user = null
    return user && user.id === id ? user : undefined
  }

  private remember(sid: string, entry: Loaded): void {
    if (this.loaded.size >= MAX_LOADED) {
      const now = Date.now()
      for (const [key, value] of this.loaded) if (now - value.at > LOADED_TTL_MS) this.loaded.delete(key)
      if (this.loaded.size >= MAX_LOADED) this.loaded.clear()
    }
    this.loaded.set(sid, entry)
  }

  private take(sid: string): Loaded | undefined {
    const entry = this.loaded.get(sid)
    this.loaded.delete(sid)
    return entry && Date.now() - entry.at <= LOADED_TTL_MS ? entry : undefined
  }
}

/** A small pool of its own keeps session reads from queueing behind long-running case queries. */
export function createSessionStore(url: string, options: { ssl?: boolean; prune?: boolean } = {}): SessionStoreHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 5,
    ssl: options.ssl ? { rejectUnauthorized: true } : undefined,
  })
  const store = new PgSessionStore({
    pool,
    tableName: 'session',
    createTableIfMissing: false,
    // Expired rows are deleted every 15 minutes; an expired session is never served either way.
    pruneSessionInterval: options.prune === false ? false : 15 * 60,
  })
  return {
    store,
    close: async () => {
      ;(store as unknown as { close: () => void }).close()
      await pool.end()
    },
  }
}
