import readline from 'node:readline'
import type { Readable, Writable } from 'node:stream'

export interface CliIo {
  stdin: Readable & { isTTY?: boolean }
  stdout: Writable
  stderr: Writable
}

export const processIo = (): CliIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr })

/** Reads the first line of standard input (for scripts that pipe a password in). */
export async function readFirstLine(stdin: Readable): Promise<string> {
  const lines = readline.createInterface({ input: stdin, crlfDelay: Infinity })
  try {
    for await (const line of lines) return line
    return ''
  } finally {
    lines.close()
  }
}

/** Asks a question at a terminal without echoing what is typed. */
export function askHidden(io: CliIo, question: string): Promise<string> {
  return new Promise(resolve => {
    const rl = readline.createInterface({ input: io.stdin, output: io.stdout, terminal: true })
    const output = rl as unknown as { _writeToOutput: (s: string) => void }
    let asked = false
    output._writeToOutput = (s: string) => {
      // Show the question once, then nothing of the answer.
      if (!asked) {
        io.stdout.write(s)
        asked = true
      }
    }
    rl.question(question, answer => {
      rl.close()
      io.stdout.write('\n')
      resolve(answer)
    })
  })
}

/** A password from a hidden prompt at a terminal, or from the first line of piped input. Never an argument. */
export async function readPassword(io: CliIo, question = 'Password: '): Promise<string> {
  if (io.stdin.isTTY) {
    const first = await askHidden(io, question)
    const again = await askHidden(io, 'Type it again: ')
    if (first !== again) throw new CliError('The two passwords were different. Nothing was created.')
    return first
  }
  return readFirstLine(io.stdin)
}

export class CliError extends Error {}
