import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createServices } from '../../services'
import { systemContext } from '../../services/auditContext'
import ServiceError from '../../services/serviceError'
import type { Command } from '../command'
import { CliError } from '../io'

/** Checks, before any figure is read, that the file can be written where asked. */
async function checkWritable(target: string): Promise<void> {
  const dir = path.dirname(target)
  const stat = await fs.stat(dir).catch(() => null)
  if (!stat?.isDirectory()) throw new CliError(`Could not write ${target}: the folder ${dir} does not exist`)
  const existing = await fs.stat(target).catch(() => null)
  if (existing?.isDirectory()) throw new CliError(`Could not write ${target}: it is a folder`)
  try {
    await fs.access(existing ? target : dir, fs.constants.W_OK)
  } catch {
    throw new CliError(`Could not write ${target}: permission denied`)
  }
}

/**
 * The panel's annual report as a Word document (issue 12): from the year's published release by
 * default, or, with --unsuppressed, the confidential version with exact figures, recorded in the
 * audit log and marked as such on every page.
 */
const reportAnnual: Command = {
  name: 'report:annual',
  summary: "Write the panel's annual report for a financial year as a Word document (.docx)",
  usage: `npm run cdop -- report:annual --year 2016-17 --out report.docx [--unsuppressed]

  --year YEAR        one financial year, e.g. 2016-17; without --unsuppressed it must have been published
  --out FILE         where to write the document (.docx; replaced if it exists)
  --unsuppressed     the confidential version with exact counts, for the panel only: every page is
                     marked "CONFIDENTIAL", and it is recorded in the audit log`,

  async run(args, { io, config, openDatabase }) {
    const { values } = parseArgs({
      args,
      options: {
        year: { type: 'string' },
        out: { type: 'string' },
        unsuppressed: { type: 'boolean', default: false },
      },
      strict: true,
    })
    const problems: string[] = []
    const year = values.year?.trim() ?? ''
    if (!year) problems.push('--year is required: one financial year, e.g. 2016-17')
    const out = values.out?.trim() ?? ''
    if (!out) problems.push('--out FILE is required: where to write the document, e.g. report.docx')
    else if (!out.toLowerCase().endsWith('.docx')) problems.push(`--out must name a .docx file, not ${out}`)
    if (problems.length) throw new CliError(problems.join('\n'))
    const target = path.resolve(out)
    await checkWritable(target)

    const opened = await openDatabase()
    try {
      const { annualReportService } = createServices(opened.db, config)
      const mode = values.unsuppressed ? 'unsuppressed' : 'published'
      const file = await annualReportService.produce({ year, mode }, 'cli', systemContext())
      await fs.writeFile(target, file.body)
      io.stdout.write(
        `Wrote the ${mode} annual report for ${file.content.financialYear} ` +
          `(${file.content.sections.length} sections) to ${target}\n`,
      )
      if (mode === 'unsuppressed') {
        io.stdout.write('It holds exact counts and is marked confidential on every page: do not publish it.\n')
      }
      return 0
    } catch (error) {
      if (ServiceError.is(error)) throw new CliError(error.message)
      if ((error as NodeJS.ErrnoException).code?.startsWith('E') && (error as NodeJS.ErrnoException).path) {
        throw new CliError(`Could not write ${target}: ${(error as Error).message}`)
      }
      throw error
    } finally {
      await opened.close()
    }
  },
}

export default reportAnnual
