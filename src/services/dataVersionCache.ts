import { QueryTypes } from 'sequelize'
import type { Database } from '../db'

/** Values kept per cache: each is a release or a page's figures, a few hundred small cells. */
export const DATA_VERSION_CACHE_SIZE = 32

/**
 * The version of the data the statistics and the dashboard's figures are made from (migration
 * 20261202050001): it grows with every commit that writes cases, agency requests or the local
 * authorities, and is seen no sooner than that commit.
 */
export async function dataVersion(db: Database): Promise<string> {
  const [row] = await db.sequelize.query<{ version: string }>(
    'SELECT version::text AS version FROM statistics_data_version WHERE singleton',
    { type: QueryTypes.SELECT },
  )
  return row.version
}

/**
 * Figures made once per version of their data rather than on every request (the report page made
 * the whole release, a 445 ms statement at 100,000 cases, each time it was shown). A value is kept
 * only when the version read before it was made is still the version after: no commit that changes
 * it happened in between, so it is exactly that version's. Every use reads the version again (one
 * row), so another instance's write, or this one's, is seen at once, and instances share nothing.
 * Least recently used first out; each caller gets its own copy. Values must be plain data.
 */
export default class DataVersionCache<T> {
  private readonly entries = new Map<string, { version: string; value: T }>()

  constructor(
    private readonly readVersion: () => Promise<string>,
    private readonly size = DATA_VERSION_CACHE_SIZE,
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
