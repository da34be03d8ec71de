/**
 * What every benchmark shares: the --quick switch, a scratch PostgreSQL of its own (an embedded
 * server in a temporary folder on its own port, or BENCH_DATABASE_URL's server), and the results
 * file that bench/index.ts gathers into bench/results.json.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { ensureEmbeddedPostgres } from '../src/db/embeddedPostgres'

/** --quick (or BENCH_QUICK=1): a tenth of the sizes, shorter load runs. */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
export const scale = (full: number) => (QUICK ? Math.max(1, Math.round(full / 10)) : full)

export interface Result {
  name: string
  value: number
  unit: string
  /** The floor (or ceiling) measured in the same run, when the figure has one. */
  baseline?: number | null
  /** e.g. "< 100" or ">= 0.5": what the figure must be. */
  target?: string | null
}

/** Appends results for bench/index.ts to gather (or just prints them when a bench is run alone). */
export function record(...results: Result[]): void {
  for (const r of results) {
    const line = `${r.name.padEnd(34)} ${String(Math.round(r.value * 1000) / 1000).padStart(10)} ${r.unit}`
    console.log(r.baseline != null ? `${line}  (floor ${Math.round(r.baseline * 1000) / 1000})` : line)
    if (process.env.BENCH_RESULTS) fs.appendFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(r)}\n`)
  }
}

export const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

export interface ScratchServer {
  url: string
  /** Creates (or empties) a database on the server and returns its URL. */
  database: (name: string) => Promise<string>
  /** Creates a database if it is not there yet. */
  create: (name: string) => Promise<void>
  drop: (name: string) => Promise<void>
  stop: () => Promise<void>
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * BENCH_DATABASE_URL's server when set; otherwise an embedded PostgreSQL in a temporary folder on
 * BENCH_PG_PORT (default: a random free-looking port), never the development database.
 */
export async function scratchServer(): Promise<ScratchServer> {
  let url = process.env.BENCH_DATABASE_URL
  let stop = async () => undefined as void
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-bench-'))
    fs.chmodSync(dir, 0o755) // the embedded server may run as another user when started by root
    const port = Number(process.env.BENCH_PG_PORT ?? 20000 + Math.floor(Math.random() * 20000))
    const embedded = await ensureEmbeddedPostgres({
      dir: path.join(dir, 'data'),
      port,
      database: 'postgres',
      persistent: false,
    })
    url = embedded.url
    stop = async () => {
      await embedded.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  const server = url
  return {
    url: server,
    database: async name => {
      await admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin(server, `CREATE DATABASE "${name}"`)
      return withDatabase(server, name)
    },
    create: name =>
      admin(server, `CREATE DATABASE "${name}"`).catch(error => {
        if (!String(error).includes('already exists')) throw error
      }),
    drop: name => admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    stop,
  }
}

/** Peak resident memory of this process so far, in megabytes (the kernel's high-water mark). */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024

/** Peak resident memory of another process, from /proc (Linux), in megabytes. */
export function peakRssMbOf(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
