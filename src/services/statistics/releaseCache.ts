import { QueryTypes } from 'sequelize'
import type { Database } from '../../db'

/** Releases kept per process: each is a few hundred small cells. */
export const RELEASE_CACHE_SIZE = 32

/** The version of the data the statistics are made from (migration 20261202050001): it grows with every commit that changes them. */
export async function statisticsDataVersion(db: Database): Promise<string> {
  const [row] = await db.sequelize.query<{ version: string }>(
    'SELECT version::text AS version FROM statistics_data_version WHERE singleton',
    { type: QueryTypes.SELECT },
  )
  return row.version
}

/**
 * Releases made once per version of their data rather than on every request (the report page made
 * the whole release, a 445 ms statement at 100,000 cases, each time it was shown). A release is kept
 * only when the version read before it was made is still the version after: no commit that changes
 * the figures happened in between, so the release is exactly that version's. Every use reads the
 * version again (one indexed row), so another instance's write, or this one's, is seen at once, and
 * instances share nothing. Least recently used first out; each caller gets its own copy.
 */
export default class ReleaseCache<T> {
  private readonly entries = new Map<string, { version: string; value: T }>()

  constructor(
    private readonly readVersion: () => Promise<string>,
    private readonly size = RELEASE_CACHE_SIZE,
  ) {}

  async get(key: string, make: () => Promise<T>): Promise<T> {
    const version = await this.readVersion()
    const kept = this.entries.get(key)
    if (kept && kept.version === version) {
      this.entries.delete(key) // to the most recent end
      this.entries.set(key, kept)
      return structuredClone(kept.value)
    }
    const value = await make()
    if ((await this.readVersion()) === version) {
      this.entries.delete(key)
      this.entries.set(key, { version, value: structuredClone(value) })
      while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!)
    }
    return value
  }
}
