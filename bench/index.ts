/**
 * Runs every benchmark in this folder, one after another, each in its own process so one's memory
 * and timings do not colour the next. Files starting with "_" are scratch work and are skipped.
 *
 *   npm run bench
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const benches = fs
  .readdirSync(__dirname)
  .filter(name => name.endsWith('.ts') && name !== 'index.ts' && !name.startsWith('_'))
  .sort()

let failed = 0
for (const name of benches) {
  console.log(`\n=== ${name} ===`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, name)], { stdio: 'inherit' })
  if (run.status !== 0) failed += 1
}
process.exitCode = failed ? 1 : 0
