import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createServices } from '../../services'
import { systemContext } from '../../services/auditContext'
import type { ImportProgress } from '../../services/import/historyImportService'
import { formatProblem } from '../../services/import/importProblem'
import type { Command } from '../command'
import { CliError, CliIo } from '../io'

const cases = (n: number) => `${n} ${n === 1 ? 'case' : 'cases'}`

/** A progress line rewritten in place, only at a terminal: a log file gets the result alone. */
function progressReporter(io: CliIo): ((progress: ImportProgress) => void) | undefined {
  if (!(io.stderr as { isTTY?: boolean }).isTTY) return undefined
  return ({ phase, rows }) => io.stderr.write(`\r${phase === 'checking' ? 'Checked' : 'Saved'} ${rows} rows…`)
}

const importCommand: Command = {
  name: 'import',
  summary: 'Import case history from a CSV file: all of it, or nothing if any row is wrong',
  usage: `npm run cdop -- import FILE [--dry-run]

FILE is a CSV file in the history import format (the columns are on the service's import page,
with a template to download). Every row is checked first; if any is wrong nothing is saved and
each problem is printed as "Row 14, date_of_death: ...", counting the header as row 1.
--dry-run   check the file and save nothing`,

  async run(args, { io, config, openDatabase }) {
    const { values, positionals } = parseArgs({
      args,
      options: { 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    })
    if (positionals.length !== 1) throw new CliError('Name one file to import: npm run cdop -- import FILE [--dry-run]')
    const file = path.resolve(positionals[0])
    const name = path.basename(file)
    try {
      await fs.promises.access(file, fs.constants.R_OK)
      if (!(await fs.promises.stat(file)).isFile()) throw new Error('not a file')
    } catch {
      throw new CliError(`Cannot read ${positionals[0]}: there is no file there, or it cannot be opened`)
    }
    const dryRun = values['dry-run'] === true

    const opened = await openDatabase()
    try {
      const { historyImportService } = createServices(opened.db, config)
      const onProgress = progressReporter(io)
      const result = await historyImportService.import(() => fs.createReadStream(file), {
        dryRun,
        actor: systemContext(),
        fileName: name,
        via: 'command_line',
        onProgress,
      })
      if (onProgress) io.stderr.write('\r\x1b[K')
      if (result.ok) {
        io.stdout.write(
          dryRun
            ? `No problems found: would import ${cases(result.checked)} from ${name}. Nothing was saved (dry run).\n`
            : `Imported ${cases(result.imported)} from ${name}\n`,
        )
        return 0
      }
      const count = result.problemCount
      io.stderr.write(
        `Nothing was imported: ${name} has ${count} ${count === 1 ? 'problem' : 'problems'} (row 1 is the header).\n`,
      )
      result.problems.forEach(problem => io.stderr.write(`${formatProblem(problem)}\n`))
      if (count > result.problems.length) io.stderr.write(`…and ${count - result.problems.length} more.\n`)
      return 1
    } finally {
      await opened.close()
    }
  },
}

export default importCommand
