import { Readable } from 'node:stream'
import { systemContext } from '../../../src/services/auditContext'
import type { ImportOptions, ImportResult } from '../../../src/services/import/historyImportService'
import type { TestApp } from '../../helpers/testApp'

/** The options of a command-line import, with the test's overrides. */
export const importOptions = (overrides: Partial<ImportOptions> = {}): ImportOptions => ({
  dryRun: false,
  actor: systemContext('request-1'),
  fileName: 'history.csv',
  via: 'command_line',
  ...overrides,
})

/** Imports `content` through the service, opened afresh for each pass as a file would be. */
export const importCsv = (
  t: TestApp,
  content: string | Buffer,
  overrides: Partial<ImportOptions> = {},
): Promise<ImportResult> =>
  t.services.historyImportService.import(() => Readable.from([Buffer.from(content)]), importOptions(overrides))

/** The problems of a refused import as [row, column, message]; a test expecting problems fails on success. */
export const problemsOf = (result: ImportResult): (string | number | null)[][] => {
  if (result.ok) throw new Error(`Expected problems, got ${JSON.stringify(result)}`)
  return result.problems.map(p => [p.row, p.column, p.message])
}
