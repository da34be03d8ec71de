import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { rootDir } from '../../config'
import { buildDataDictionary } from '../../dataDictionary/buildDataDictionary'
import { renderMarkdown } from '../../dataDictionary/renderMarkdown'
import { currentSchemaVersion, fingerprintOf, schemaVersions } from '../../dataDictionary/schemaVersions'
import type { Command } from '../command'

export const DATA_DICTIONARY_FILE = path.join(rootDir, 'docs', 'data-dictionary.md')

/** Writes docs/data-dictionary.md from the code, or with --check says whether it is in step. */
const docsDataDictionary: Command = {
  name: 'docs:data-dictionary',
  summary: 'Write docs/data-dictionary.md from the code lists, fields, tables and import columns',
  usage: `npm run cdop -- docs:data-dictionary [--check]

  --check   write nothing; exit 1 if the file or the schema version is out of step with the code`,

  async run(args, { io }) {
    const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false } }, strict: true })
    const tables = buildDataDictionary()
    const fingerprint = fingerprintOf(tables)
    if (currentSchemaVersion().fingerprint !== fingerprint) {
      io.stderr.write(
        `The data dictionary changed since version ${currentSchemaVersion().version}: add a version to ` +
          `src/dataDictionary/schemaVersions.ts saying what changed, with fingerprint ${fingerprint}.\n`,
      )
      return 1
    }
    const markdown = renderMarkdown(tables, schemaVersions)
    if (values.check) {
      const current = await fs.readFile(DATA_DICTIONARY_FILE, 'utf8').catch(() => '')
      if (current === markdown) {
        io.stdout.write(`docs/data-dictionary.md is in step (schema version ${currentSchemaVersion().version}).\n`)
        return 0
      }
      io.stderr.write('docs/data-dictionary.md is out of step: run npm run cdop -- docs:data-dictionary.\n')
      return 1
    }
    await fs.mkdir(path.dirname(DATA_DICTIONARY_FILE), { recursive: true })
    await fs.writeFile(DATA_DICTIONARY_FILE, markdown)
    io.stdout.write(`Wrote docs/data-dictionary.md (schema version ${currentSchemaVersion().version}).\n`)
    return 0
  },
}

export default docsDataDictionary
