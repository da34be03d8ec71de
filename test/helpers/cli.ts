import { PassThrough, Readable } from 'node:stream'
import type { OpenedDatabase } from '../../src/bootstrap'
import defaultConfig, { Config } from '../../src/config'
import { runCli } from '../../src/cli/run'
import type { TestApp } from './testApp'

export interface CliResult {
  code: number
  out: string
  err: string
}

/**
 * Runs `npm run cdop -- <argv>` in-process against the test app's database, with piped standard
 * input, and returns the exit code and what it printed.
 */
export async function runCliInTest(
  t: TestApp,
  argv: string[],
  options: { stdin?: string; config?: Config; open?: () => Promise<OpenedDatabase> } = {},
): Promise<CliResult> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', d => (out += d))
  stderr.on('data', d => (err += d))
  const opened: OpenedDatabase = {
    db: t.db,
    url: process.env.DATABASE_URL!,
    usingEmbedded: false,
    close: async () => undefined,
  }
  const code = await runCli(
    argv,
    { stdin: Readable.from([options.stdin ?? '']), stdout, stderr },
    options.config ?? defaultConfig,
    options.open ?? (async () => opened),
  )
  return { code, out, err }
}
