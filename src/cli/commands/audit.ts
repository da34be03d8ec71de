import fs from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { ChainHead, formatChainHead, lastChainHeadIn, parseChainHead } from '../../domain/auditChain'
import AuditChainService from '../../services/auditChainService'
import type { Command } from '../command'
import { CliError } from '../io'

/** The head kept outside the database: `--head SEQ:HASH`, or the last one written in `--head-file FILE`. */
async function externalHead(values: { head?: string; 'head-file'?: string }): Promise<ChainHead | undefined> {
  if (values.head !== undefined && values['head-file'] !== undefined) {
    throw new CliError('Give --head or --head-file, not both')
  }
  if (values.head !== undefined) {
    const head = parseChainHead(values.head)
    if (!head)
      throw new CliError(
        `--head must be SEQ:HASH as audit:head prints it (64 hexadecimal digits), not "${values.head.slice(0, 80)}"`,
      )
    return head
  }
  const file = values['head-file']
  if (file === undefined) return undefined
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    throw new CliError(`Could not read ${file}: ${(error as Error).message}`)
  }
  const head = lastChainHeadIn(text)
  if (!head) throw new CliError(`${file} holds no audit chain head (SEQ:HASH, as audit:head prints it)`)
  return head
}

export const auditVerify: Command = {
  name: 'audit:verify',
  summary: 'Check the audit log hash chain from its first row to its head',
  usage: `npm run cdop -- audit:verify [--head SEQ:HASH | --head-file FILE]

Recomputes the SHA-256 hash of every audit row in order and checks that each follows the one
before it, then that the chain ends at the head the database records. Prints the first row that
does not match and exits 1 if any does.

  --head SEQ:HASH     a head kept outside the database (from audit:head, or the server's log line
                      "audit chain head"): row SEQ must still have that hash, so a rewrite of the
                      whole chain is caught too
  --head-file FILE    the same, taking the last SEQ:HASH written in FILE (a saved log, for example)`,

  async run(args, { io, openDatabase }) {
    const { values } = parseArgs({
      args,
      options: { head: { type: 'string' }, 'head-file': { type: 'string' } },
      strict: true,
    })
    const external = await externalHead(values)
    const opened = await openDatabase()
    try {
      const result = await new AuditChainService(opened.db).verify(external)
      if (!result.ok) {
        io.stderr.write(`The audit log does not verify. ${result.problem}.\n`)
        io.stderr.write(`Rows before it are intact (${result.head.seq} verified).\n`)
        return 1
      }
      io.stdout.write(`The audit log verifies: ${result.rows} rows, head ${formatChainHead(result.head)}\n`)
      if (external) io.stdout.write(`It contains the head kept outside it, ${formatChainHead(external)}.\n`)
      return 0
    } finally {
      await opened.close()
    }
  },
}

export const auditHead: Command = {
  name: 'audit:head',
  summary: 'Print the audit chain head (sequence number and hash) to keep outside the database',
  usage: `npm run cdop -- audit:head

Prints SEQ:HASH, the latest row of the audit log's hash chain. Keep it somewhere the database's
administrators cannot change (the server also logs it at start and every hour), and later pass it
to audit:verify --head to prove the log was not rewritten since.`,

  async run(_args, { io, openDatabase }) {
    const opened = await openDatabase()
    try {
      io.stdout.write(`${formatChainHead(await new AuditChainService(opened.db).head())}\n`)
      return 0
    } finally {
      await opened.close()
    }
  },
}
