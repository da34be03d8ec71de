/**
 * Runs every benchmark in this folder, one after another, each in its own process so one's memory
 * and timings do not colour the next, then prints one table and writes bench/results.json:
 * { machine, results: [{ name, value, unit, baseline, ratio, target, met }] }. Files starting with
 * "_" (and lib.ts) are not benchmarks. Each bench makes its own scratch PostgreSQL (an embedded server
 * on a port of its own in a temporary folder, or BENCH_DATABASE_URL's server).
 *
 *   npm run bench              npm run bench -- --quick   (a tenth of the sizes, a few minutes)
 *   npm run bench -- --quick pages statistics            (only those)
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Result } from './lib'

const quick = process.argv.includes('--quick')
const only = process.argv.slice(2).filter(a => !a.startsWith('--'))
const benches = fs
  .readdirSync(__dirname)
  .filter(name => name.endsWith('.ts') && !['index.ts', 'lib.ts'].includes(name) && !name.startsWith('_'))
  .filter(name => !only.length || only.includes(name.replace(/\.ts$/, '')))
  .sort()

/** "< 100", ">= 0.5": whether a value meets it. */
function meets(value: number, target: string): boolean {
  const match = /^(<=|>=|<|>)\s*(-?[\d.]+)$/.exec(target.trim())
  if (!match) return false
  const limit = Number(match[2])
  return { '<': value < limit, '<=': value <= limit, '>': value > limit, '>=': value >= limit }[match[1]] ?? false
}

const resultsFile = path.join(os.tmpdir(), `cdop-bench-${process.pid}.jsonl`)
fs.writeFileSync(resultsFile, '')
let failed = 0
for (const name of benches) {
  console.log(`\n=== ${name} ===`)
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, name), ...(quick ? ['--quick'] : [])],
    {
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULTS: resultsFile },
    },
  )
  if (run.status !== 0) {
    failed += 1
    console.error(`${name} failed`)
  }
}
const raw = fs
  .readFileSync(resultsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(line => JSON.parse(line) as Result)
fs.rmSync(resultsFile, { force: true })

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n)
const results = raw.map(r => ({
  name: r.name,
  value: round(r.value),
  unit: r.unit,
  baseline: r.baseline == null ? null : round(r.baseline),
  ratio: r.baseline ? round(r.value / r.baseline) : null,
  target: r.target ?? null,
  met: r.target ? meets(r.value, r.target) : null,
}))
const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  quick,
  date: new Date().toISOString(),
}
if (!only.length) {
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`)
}

console.log(
  `\n${'name'.padEnd(34)} ${'value'.padStart(10)} unit       ${'baseline'.padStart(10)} ${'ratio'.padStart(7)}  target    met`,
)
const verdict = (met: boolean | null) => {
  if (met === null) return ''
  return met ? 'yes' : 'NO'
}
for (const r of results) {
  console.log(
    `${r.name.padEnd(34)} ${String(r.value).padStart(10)} ${r.unit.slice(0, 10).padEnd(10)} ${String(r.baseline ?? '').padStart(10)} ` +
      `${String(r.ratio ?? '').padStart(7)}  ${(r.target ?? '').padEnd(9)} ${verdict(r.met)}`,
  )
}
console.log(
  `\nMachine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GB, load ${machine.loadAverage.join(' ')}`,
)
if (!only.length) console.log('Written to bench/results.json')
process.exitCode = failed ? 1 : 0
