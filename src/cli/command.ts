import type { Config } from '../config'
import type { OpenedDatabase } from '../bootstrap'
import type { CliIo } from './io'

export interface CommandContext {
  io: CliIo
  config: Config
  /** Opens the database (starting the embedded one if need be) only for commands that need it. */
  openDatabase: () => Promise<OpenedDatabase>
}

export interface Command {
  name: string
  summary: string
  usage: string
  /** Returns the process exit code. */
  run: (args: string[], context: CommandContext) => Promise<number>
}
