import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createServices } from '../../services'
import { systemContext } from '../../services/auditContext'
import ServiceError from '../../services/serviceError'
import { EXPORT_FORMATS, exportRelease, isExportFormat } from '../../services/statistics/exportFormats'
import type { Command } from '../command'
import { CliError } from '../io'

const FORMAT_NAMES = { csv: 'CSV', xlsx: 'Excel', json: 'JSON' } as const

/**
 * Exports a statistics release for scheduled jobs and bulk work (statistics.md §4). Published unless
 * --unsuppressed, which is for the panel's confidential annual report and is recorded in the audit log.
 */
const stats: Command = {
  name: 'stats',
  summary: 'Export the annual statistics of a financial year, or pooled years, as CSV, Excel or JSON',
  usage: `npm run cdop -- stats (--year 2016-17 | --years 2014-15..2016-17) --format csv|xlsx|json --out FILE [--unsuppressed] [--local-authority NAME]

  --year YEAR        one financial year, e.g. 2016-17
  --years FIRST..LAST consecutive financial years pooled as one period, e.g. 2014-15..2016-17
  --format FORMAT    csv, xlsx or json
  --out FILE         where to write the file (replaced if it exists)
  --unsuppressed     exact counts, small numbers included, for the confidential annual report only;
                     recorded in the audit log. Without it every count from 1 to SUPPRESS_MAX is suppressed.
  --local-authority NAME  only the residents of one local authority the panel covers, e.g. "Luton"`,

  async run(args, { io, config, openDatabase }) {
    const { values } = parseArgs({
      args,
      options: {
        year: { type: 'string' },
        years: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        unsuppressed: { type: 'boolean', default: false },
        'local-authority': { type: 'string' },
      },
      strict: true,
    })
    const problems: string[] = []
    if ((values.year === undefined) === (values.years === undefined)) {
      problems.push('Give exactly one of --year (e.g. 2016-17) or --years (e.g. 2014-15..2016-17)')
    } else if (values.year !== undefined && values.year.includes('..')) {
      problems.push(`--year is one financial year, like 2016-17; for pooled years use --years ${values.year}`)
    } else if (values.years !== undefined && !values.years.includes('..')) {
      problems.push(`--years is a span of years, like 2014-15..2016-17; for one year use --year ${values.years}`)
    }
    const format = values.format ?? ''
    if (!isExportFormat(format)) {
      problems.push(
        values.format === undefined
          ? `--format is required: ${EXPORT_FORMATS.join(', ')}`
          : `Unknown format "${format}": use ${EXPORT_FORMATS.join(', ')}`,
      )
    }
    const localAuthority = values['local-authority']
    if (localAuthority !== undefined && !localAuthority.trim()) {
      problems.push('--local-authority needs the name of a local authority the panel covers, like "Luton"')
    }
    const out = values.out?.trim() ?? ''
    if (!out) problems.push('--out FILE is required: where to write the statistics')
    if (problems.length || !isExportFormat(format)) throw new CliError(problems.join('\n'))

    const opened = await openDatabase()
    try {
      const { statisticsService } = createServices(opened.db, config)
      const years = (values.year ?? values.years) as string
      const parsed = statisticsService.parsePeriod(years)
      if (!parsed.ok) throw new CliError(parsed.message)
      const release = await statisticsService.produceRelease(
        {
          years: parsed.period.label,
          mode: values.unsuppressed ? 'unsuppressed' : 'published',
          ...(localAuthority !== undefined ? { localAuthority } : {}),
        },
        { kind: 'export', format, via: 'cli' },
        systemContext(),
      )
      const file = await exportRelease(release, format)
      const target = path.resolve(out)
      await fs.writeFile(target, file.body)
      io.stdout.write(
        `Wrote ${release.mode} statistics for ${release.financialYear}` +
          (release.localAuthority ? ` for ${release.localAuthority}` : '') +
          ` (${release.tables.length} tables) ` +
          `as ${FORMAT_NAMES[format]} to ${target}\n`,
      )
      if (release.mode === 'unsuppressed') {
        io.stdout.write('These are exact counts for the confidential annual report: do not publish them.\n')
      }
      return 0
    } catch (error) {
      if (ServiceError.is(error)) throw new CliError(error.message)
      if ((error as NodeJS.ErrnoException).code?.startsWith('E') && (error as NodeJS.ErrnoException).path) {
        throw new CliError(`Could not write ${out}: ${(error as Error).message}`)
      }
      throw error
    } finally {
      await opened.close()
    }
  },
}

export default stats
