import { parseArgs } from 'node:util'
import { createServices } from '../../services'
import { systemContext } from '../../services/auditContext'
import ServiceError from '../../services/serviceError'
import type { Command } from '../command'
import { CliError } from '../io'

/**
 * Publishes a statistics release (statistics.md §5), as the publish page does: checked against
 * every release already out and stored as it goes out. A correction of a published period needs
 * --reason. Exit 0 when published; otherwise the reason, and what can be published instead, on stderr.
 */
const statsPublish: Command = {
  name: 'stats:publish',
  summary: 'Publish the statistics of a financial year, or a pooled period on the calendar, for public health',
  usage: `npm run cdop -- stats:publish (--year 2016-17 | --years 2014-15..2016-17) [--reason "why it is corrected"] [--local-authority NAME]

  --year YEAR          one financial year that has ended, e.g. 2016-17
  --years FIRST..LAST  a pooled period of the calendar an administrator sets, e.g. 2014-15..2016-17
  --reason TEXT        required to correct a period already published: a new version supersedes the last
  --local-authority NAME  a release of one local authority the panel covers, e.g. "Luton": only its residents`,

  async run(args, { io, config, openDatabase }) {
    const { values } = parseArgs({
      args,
      options: {
        year: { type: 'string' },
        years: { type: 'string' },
        reason: { type: 'string' },
        'local-authority': { type: 'string' },
      },
      strict: true,
    })
    if ((values.year === undefined) === (values.years === undefined)) {
      throw new CliError('Give exactly one of --year (e.g. 2016-17) or --years (e.g. 2014-15..2016-17)')
    }
    if (values.year !== undefined && values.year.includes('..')) {
      throw new CliError(`--year is one financial year, like 2016-17; for pooled years use --years ${values.year}`)
    }
    if (values.years !== undefined && !values.years.includes('..')) {
      throw new CliError(`--years is a span of years, like 2014-15..2016-17; for one year use --year ${values.years}`)
    }
    if (values.reason !== undefined && !values.reason.trim()) throw new CliError('--reason must say why')
    const localAuthority = values['local-authority']
    if (localAuthority !== undefined && !localAuthority.trim()) {
      throw new CliError('--local-authority needs the name of a local authority the panel covers, like "Luton"')
    }
    const opened = await openDatabase()
    try {
      const { publicationService } = createServices(opened.db, config)
      const stored = await publicationService.publish(
        (values.year ?? values.years) as string,
        values.reason ?? null,
        { name: 'Command line' },
        systemContext(),
        localAuthority,
      )
      io.stdout.write(
        `Published ${stored.period}${stored.localAuthority ? ` for ${stored.localAuthority}` : ''} version ${stored.version}` +
          (stored.version > 1 ? `, superseding version ${stored.version - 1}` : '') +
          '\n',
      )
      return 0
    } catch (error) {
      if (ServiceError.is(error)) throw new CliError(error.message)
      throw error
    } finally {
      await opened.close()
    }
  },
}

export default statsPublish
