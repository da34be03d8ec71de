/**
 * The pages under concurrent load: the case list (first page and a deep one), a case page, the
 * coordinator dashboard and the statistics report, each by autocannon with 50 signed-in
 * connections for a bounded time, beside a bare Express + pg route in the same server process
 * running the page's one query (bench/_pageServer.ts). 100,000 generated cases (10,000 with --quick),
 * on a scratch database of its own. Everything listens on 127.0.0.1 only.
 *
 *   npx tsx bench/pages.ts [--quick]
 */
import { ChildProcess, fork } from 'node:child_process'
import path from 'node:path'
import autocannon from 'autocannon'
import config from '../src/config'
import { createDatabase } from '../src/db'
import { migrateUp } from '../src/db/migrator'
import { financialYearOf } from '../src/domain/financialYear'
import { parseFinancialYear } from '../src/domain/financialYear'
import { createServices } from '../src/services'
import { systemContext } from '../src/services/auditContext'
import { generateSyntheticData } from '../src/services/generate/syntheticData'
import { QUICK, peakRssMbOf, record, scale, scratchServer, withDatabase } from './lib'

const DATABASE = 'cdop_bench_pages'
const CASES = Number(process.env.BENCH_CASES ?? scale(100_000))
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 4 : 10))
const CONNECTIONS = 50
const PASSWORD = 'bench password that is long enough'
const APP_PORT = 20000 + Math.floor(Math.random() * 20000)
const BARE_PORT = APP_PORT + 1

interface Load {
  rps: number
  p95: number
  errors: number
}

/** autocannon for SECONDS; p95 from every response time (autocannon itself reports p90 and p97.5). */
async function load(url: string, cookie?: string, connections = CONNECTIONS): Promise<Load> {
  const times: number[] = []
  let bad = 0
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: SECONDS, headers: cookie ? { cookie } : {}, timeout: 30 },
      (error, done) => (error ? reject(error) : resolve(done)),
    )
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      times.push(ms)
      if (statusCode !== 200) bad += 1
    })
  })
  times.sort((a, b) => a - b)
  return {
    rps: result.requests.total / SECONDS,
    p95: times.length ? times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] : Infinity,
    errors: bad + result.errors + result.timeouts,
  }
}

/** Signs in as a browser would: every cookie the sign-in page sets (the CSRF cookie too) goes back with the form. */
async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`)
  const cookiesOf = (response: Response) => response.headers.getSetCookie().map(c => c.split(';')[0])
  const before = cookiesOf(page)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1]
  if (!csrf) throw new Error('No CSRF token on the sign-in page')
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: before.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }).toString(),
  })
  if (response.status !== 302) throw new Error(`Sign-in failed with ${response.status}`)
  const session = cookiesOf(response).find(c => c.startsWith('cdop.session='))
  if (!session) throw new Error('Sign-in set no session cookie')
  return session
}

async function main(): Promise<void> {
  const server = await scratchServer()
  // BENCH_KEEP=1 (with BENCH_DATABASE_URL): keep the database afterwards and reuse it when it has the cases.
  const keep = process.env.BENCH_KEEP === '1'
  let url = withDatabase(server.url, DATABASE)
  let fresh = true
  if (keep) {
    await server.create(DATABASE)
    const probe = createDatabase({ url, poolMax: 1 })
    await migrateUp(probe.sequelize, url)
    const [[{ n }]] = (await probe.sequelize.query('SELECT count(*)::int AS n FROM cases')) as [
      [{ n: number }],
      unknown,
    ]
    await probe.close()
    fresh = n !== CASES
  }
  if (fresh) url = await server.database(DATABASE)
  let child: ChildProcess | undefined
  try {
    const db = createDatabase({ url, poolMax: 4 })
    await migrateUp(db.sequelize, url)
    const email = 'bench@example.org'
    if (fresh) {
      const generated = await generateSyntheticData(db, { cases: CASES, seed: 13 })
      console.log(
        `Generated ${generated.cases.toLocaleString('en-GB')} cases, ${generated.agencyRequests.toLocaleString('en-GB')} requests, ` +
          `${generated.reviews.toLocaleString('en-GB')} reviews in ${generated.seconds.toFixed(1)} s`,
      )
      const services = createServices(db, config)
      await services.userService.create(
        { email, name: 'Bench Coordinator', roles: ['coordinator', 'admin', 'public_health'], password: PASSWORD },
        systemContext(),
      )
    }
    const [[{ id: caseId }]] = (await db.sequelize.query(
      `SELECT c.id FROM cases c WHERE EXISTS (SELECT 1 FROM agency_requests r WHERE r.case_id = c.id)
        ORDER BY c.case_ref LIMIT 1 OFFSET ${Math.floor(CASES / 2)}`,
    )) as [[{ id: string }], unknown]
    // A deep page as the list's own Next links reach it: page P after the last case of page P - 1.
    const deepPage = Math.floor((CASES / 25) * 0.8)
    const [[{ id: deepCursor }]] = (await db.sequelize.query(
      `SELECT id FROM cases ORDER BY notified_at DESC, case_ref DESC LIMIT 1 OFFSET ${(deepPage - 1) * 25 - 1}`,
    )) as [[{ id: string }], unknown]
    await db.close()

    child = fork(path.join(__dirname, '_pageServer.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: url, APP_PORT: String(APP_PORT), BARE_PORT: String(BARE_PORT) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    await new Promise<void>((resolve, reject) => {
      child!.once('message', () => resolve())
      child!.once('exit', code => reject(new Error(`The page server stopped (${code})`)))
    })
    const app = `http://127.0.0.1:${APP_PORT}`
    const bare = `http://127.0.0.1:${BARE_PORT}`
    const cookie = await signIn(app, email)

    const year = financialYearOf(new Date().toISOString().slice(0, 10))
    const previous = `${Number(year.slice(0, 4)) - 1}-${year.slice(2, 4)}`
    const fy = parseFinancialYear(previous)!
    // The report page is measured as the issue measured it, at 10 connections (a few people running reports).
    const runs: [string, string, string | null, number?][] = [
      ['case_list', `${app}/cases`, `${bare}/bare/cases`],
      ['case_list_deep', `${app}/cases?page=${deepPage}&after=${deepCursor}`, null],
      ['case_list_deep_no_cursor', `${app}/cases?page=${deepPage}`, null],
      ['case_page', `${app}/cases/${caseId}`, `${bare}/bare/cases/${caseId}`],
      ['dashboard', `${app}/`, `${bare}/bare/dashboard`],
      [
        'report_page',
        `${app}/statistics/report?year=${previous}`,
        `${bare}/bare/report?start=${fy.start}&end=${fy.end}`,
        10,
      ],
    ]
    const figures: Record<string, Load> = {}
    for (const [name, page, floor, connections] of runs) {
      // One request first so both sides start warm (templates, plans, caches).
      const first = await fetch(page, { headers: { cookie }, redirect: 'manual' })
      if (first.status !== 200) throw new Error(`${page} answered ${first.status}`)
      const measured = await load(page, cookie, connections)
      const baseline = floor ? await load(floor, undefined, connections) : null
      figures[name] = measured
      console.log(
        `${name.padEnd(16)} ${measured.rps.toFixed(1).padStart(7)} req/s  p95 ${measured.p95.toFixed(0).padStart(5)} ms` +
          (baseline ? `   bare ${baseline.rps.toFixed(1)} req/s, p95 ${baseline.p95.toFixed(0)} ms` : '') +
          (measured.errors ? `   ${measured.errors} errors` : ''),
      )
      if (measured.errors) throw new Error(`${name}: ${measured.errors} requests failed`)
      if (name === 'report_page') {
        record({
          name: 'report_page_rps',
          value: measured.rps,
          unit: 'req/s',
          baseline: baseline?.rps,
          target: '>= 20',
        })
        record({ name: 'report_page_p95_ms', value: measured.p95, unit: 'ms', baseline: baseline?.p95 })
        continue
      }
      record({ name: `${name}_p95_ms`, value: measured.p95, unit: 'ms', baseline: baseline?.p95, target: '< 100' })
      if (baseline)
        record({
          name: `${name}_rps_ratio`,
          value: measured.rps / baseline.rps,
          unit: 'x',
          baseline: 1,
          target: '>= 0.5',
        })
      record({ name: `${name}_rps`, value: measured.rps, unit: 'req/s', baseline: baseline?.rps })
    }
    record({
      name: 'case_list_deep_vs_first_p95',
      value: figures.case_list_deep.p95 / figures.case_list.p95,
      unit: 'x',
      baseline: 1,
      target: '<= 1.5',
    })
    const rss = peakRssMbOf(child.pid!)
    if (rss !== null) record({ name: 'pages_server_peak_rss_mb', value: rss, unit: 'MB' })
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise(resolve => child!.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    if (!keep) await server.drop(DATABASE)
    await server.stop()
  }
}

main().catch(error => {
  console.error(error)
  process.exitCode = 1
})
