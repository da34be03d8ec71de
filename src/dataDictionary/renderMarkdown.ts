import type { DictionaryTable } from './buildDataDictionary'
import type { SchemaVersion } from './schemaVersions'

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

function table(t: DictionaryTable): string {
  const header = `| ${t.header.join(' | ')} |`
  const rule = `| ${t.header.map(() => '---').join(' | ')} |`
  const rows = t.rows.map(row => `| ${row.map(cell).join(' | ')} |`)
  return [`## ${t.title}`, '', t.intro, '', header, rule, ...rows, ''].join('\n')
}

/** The dictionary as the Markdown file kept in the repository (docs/data-dictionary.md). */
export function renderMarkdown(tables: readonly DictionaryTable[], versions: readonly SchemaVersion[]): string {
  const current = versions[versions.length - 1]
  const history = versions
    .slice()
    .reverse()
    .flatMap(v => [`### ${v.version} (${v.date})`, '', ...v.changes.map(c => `- ${c}`), ''])
  return [
    '# Data dictionary and export schema',
    '',
    `Schema version ${current.version}. Generated from the service's code by`,
    '`npm run cdop -- docs:data-dictionary`; do not edit by hand (a test fails when this file and the',
    'code disagree). The same dictionary is served, without signing in, at `/data-dictionary`.',
    '',
    ...tables.map(table),
    '## Versions',
    '',
    ...history,
  ].join('\n')
}
