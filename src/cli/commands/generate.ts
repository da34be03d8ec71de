import { parseArgs } from 'node:util'
import { generateSyntheticData } from '../../services/generate/syntheticData'
import type { Command } from '../command'
import { CliError } from '../io'

const wholeNumber = (value: string | undefined, name: string, min: number, max: number): number => {
  if (value === undefined || !/^\d{1,8}$/.test(value.replace(/_/g, '')))
    throw new CliError(`--${name} must be a whole number from ${min} to ${max.toLocaleString('en-GB')}`)
  const n = Number(value.replace(/_/g, ''))
  if (n < min || n > max)
    throw new CliError(`--${name} must be a whole number from ${min} to ${max.toLocaleString('en-GB')}`)
  return n
}

/** Fictional cases, agency requests, meetings and reviews for load testing and the benchmark. */
const generate: Command = {
  name: 'generate',
  summary: 'Add N fictional cases with requests, meetings and reviews (for benchmarks); refused in production',
  usage: `npm run cdop -- generate --cases N [--seed S] [--today YYYY-MM-DD]

  --cases N     how many cases to add (1 to 10,000,000), spread over twenty years of deaths
  --seed S      the same seed (0 to 1,000,000, default 1) gives the same data every time
  --today DATE  the last day of the generated history (default: today)

Everything is generated inside PostgreSQL in a few set-based statements, in one transaction.
The references start with SYN- so generated cases are easy to tell apart.`,

  async run(args, { io, config, openDatabase }) {
    if (config.production) {
      throw new CliError('generate is refused in production: fictional cases must never reach a live service.')
    }
    const { values } = parseArgs({
      args,
      options: { cases: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } },
      strict: true,
    })
    const cases = wholeNumber(values.cases, 'cases', 1, 10_000_000)
    const seed = values.seed === undefined ? 1 : wholeNumber(values.seed, 'seed', 0, 1_000_000)
    if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
      throw new CliError('--today must be a date like 2026-04-01')
    const opened = await openDatabase()
    try {
      const result = await generateSyntheticData(opened.db, { cases, seed, today: values.today })
      io.stdout.write(
        `Generated ${result.cases.toLocaleString('en-GB')} cases, ${result.agencyRequests.toLocaleString('en-GB')} agency requests, ` +
          `${result.meetings.toLocaleString('en-GB')} meetings and ${result.reviews.toLocaleString('en-GB')} reviews in ${result.seconds.toFixed(1)} s\n`,
      )
      return 0
    } finally {
      await opened.close()
    }
  },
}

export default generate
