import { openDatabase, OpenedDatabase } from '../bootstrap'
import type { Config } from '../config'
import type { Command } from './command'
import { auditHead, auditVerify } from './commands/audit'
import { dbMigrate, dbMigrateUndo } from './commands/dbMigrate'
import dbSeedDemo from './commands/dbSeedDemo'
import docsDataDictionary from './commands/docsDataDictionary'
import generate from './commands/generate'
import importCommand from './commands/import'
import jobsRunReminders from './commands/jobsRunReminders'
import reportAnnual from './commands/reportAnnual'
import stats from './commands/stats'
import statsPublish from './commands/statsPublish'
import usersCreate from './commands/usersCreate'
import { CliError, CliIo } from './io'

export const commands: Command[] = [
  usersCreate,
  dbMigrate,
  dbMigrateUndo,
  dbSeedDemo,
  importCommand,
  stats,
  statsPublish,
  jobsRunReminders,
  docsDataDictionary,
  auditVerify,
  auditHead,
  generate,
  reportAnnual,
]

function help(io: CliIo): void {
  io.stdout.write('Usage: npm run cdop -- <command> [options]\n\nCommands:\n')
  commands.forEach(c => io.stdout.write(`  ${c.name.padEnd(18)} ${c.summary}\n`))
  io.stdout.write('\nRun "npm run cdop -- <command> --help" for the options of one command.\n')
}

/** Runs one command and returns its exit code; every expected failure is a plain message, not a stack trace. */
export async function runCli(
  argv: string[],
  io: CliIo,
  config: Config,
  open: () => Promise<OpenedDatabase> = () => openDatabase(config, undefined, { as: 'owner' }),
): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io)
    return name ? 0 : 1
  }
  const command = commands.find(c => c.name === name)
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n`)
    help(io)
    return 1
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.summary}\n\n${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(args, { io, config, openDatabase: open })
  } catch (error) {
    const expected = error instanceof CliError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    io.stderr.write(`${expected ? (error as Error).message : `The command failed: ${(error as Error).message}`}\n`)
    return expected ? 2 : 1
  }
}
