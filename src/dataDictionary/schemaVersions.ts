import { createHash } from 'node:crypto'
import type { DictionaryTable } from './buildDataDictionary'

export interface SchemaVersion {
  version: string
  date: string
  changes: string[]
  /** Fingerprint of the dictionary this version describes: a change without a new version fails a test. */
  fingerprint: string
}

/**
 * What changed between versions of the data dictionary and export schema, newest last. When the
 * dictionary changes (a code, a field, a table, an import column), the test in
 * test/unit/dataDictionary fails until a version is added here saying what changed, with the new
 * fingerprint it prints.
 */
export const schemaVersions: SchemaVersion[] = [
  {
    version: '1.0',
    date: '2026-12-01',
    changes: [
      'First published: case record items, code lists, ethnicity groups, the twelve statistics tables of statistics.md §2, the CSV export columns and the history import columns.',
    ],
    fingerprint: '559b2f12542c9f55',
  },
  {
    version: '1.1',
    date: '2026-12-02',
    changes: [
      'Statistics tables added after the contract’s (issue 12): deaths_by_local_authority_and_sex, reviews_by_local_authority_and_modifiable and review_timeliness (docs/statistics-tables.md).',
    ],
    fingerprint: '3e6b8b2a80f2ef99',
  },
]

export const currentSchemaVersion = (): SchemaVersion => schemaVersions[schemaVersions.length - 1]

/** A short, stable digest of the dictionary's content. */
export function fingerprintOf(tables: readonly DictionaryTable[]): string {
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex').slice(0, 16)
}
