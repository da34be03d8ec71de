import fs from 'node:fs'
import path from 'node:path'
import { buildDataDictionary, codeListsByName } from '../../src/dataDictionary/buildDataDictionary'
import { renderMarkdown } from '../../src/dataDictionary/renderMarkdown'
import { currentSchemaVersion, fingerprintOf, schemaVersions } from '../../src/dataDictionary/schemaVersions'
import { agencies, caseStatuses } from '../../src/domain/codes'
import { TABLE_IDS } from '../../src/domain/statistics/tables'
import { importColumnNames } from '../../src/services/import/importColumns'

const FILE = path.join(__dirname, '../../docs/data-dictionary.md')

describe('the published data dictionary', () => {
  const tables = buildDataDictionary()
  const markdown = renderMarkdown(tables, schemaVersions)

  it('is in step with the file in the repository (regenerate with npm run cdop -- docs:data-dictionary)', () => {
    expect(fs.readFileSync(FILE, 'utf8')).toBe(markdown)
  })

  it('has a version for what it now says (add one to schemaVersions.ts when the dictionary changes)', () => {
    expect({ fingerprint: currentSchemaVersion().fingerprint }).toEqual({ fingerprint: fingerprintOf(tables) })
  })

  it('lists every code of every code list, every statistics table and every import column', () => {
    for (const [name, list] of codeListsByName()) {
      expect(markdown).toContain(`\`${name}\``)
      for (const item of list.items) expect(markdown).toContain(`| \`${item.code}\` | ${item.label} |`)
    }
    for (const id of TABLE_IDS) expect(markdown).toContain(`| \`${id}\` |`)
    for (const column of importColumnNames) expect(markdown).toContain(`| \`${column}\` |`)
    expect(markdown).toContain('`financial_year`')
    expect(markdown).toContain(`\`${agencies.codes[0]}\``)
    expect(codeListsByName().map(([name]) => name)).toContain('case_statuses')
    expect(caseStatuses.codes.length).toBeGreaterThan(5)
  })

  it('keeps table cells on one line and escapes pipes', () => {
    const lines = markdown.split('\n').filter(line => line.startsWith('| '))
    for (const line of lines) expect(line.endsWith(' |')).toBe(true)
  })
})
