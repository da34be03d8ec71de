import crypto from 'node:crypto'
import { QueryTypes } from 'sequelize'
import type { Database } from '../../db'

export interface RateLimitResult {
  allowed: boolean
  hits: number
  /** Seconds until the current one-minute window ends. */
  retryAfterSeconds: number
}

/**
 * Fixed one-minute windows counted in PostgreSQL, so every instance shares one count per client.
 * One upsert per request; the key is hashed so no client address is kept here.
 */
export default class RateLimiter {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async hit(scope: string, client: string, limit: number): Promise<RateLimitResult> {
    const key = crypto.createHash('sha256').update(`${scope}\n${client}`).digest('hex')
    const now = this.now()
    const [row] = await this.db.sequelize.query<{ hits: number }>(
      `INSERT INTO rate_limit_counters (key, window_start, hits)
       VALUES (:key, date_trunc('minute', CAST(:now AS timestamptz)), 1)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
       RETURNING hits`,
      { replacements: { key, now }, type: QueryTypes.SELECT },
    )
    return {
      allowed: row.hits <= limit,
      hits: row.hits,
      retryAfterSeconds: 60 - now.getUTCSeconds(),
    }
  }

  /** Drops finished windows; run by the scheduled jobs. */
  async prune(): Promise<void> {
    await this.db.sequelize.query('DELETE FROM rate_limit_counters WHERE window_start < CAST(:before AS timestamptz)', {
      replacements: { before: new Date(this.now().getTime() - 10 * 60_000) },
    })
  }
}
