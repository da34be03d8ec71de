/**
 * The process bench/pages.ts loads: the service exactly as `npm start` builds it (default settings,
 * DATABASE_URL set) on APP_PORT, and beside it, in the same process, bare Express + pg routes on
 * BARE_PORT that each run the single query a page is built around and send its rows as JSON: the
 * floor a page is measured against. Tells the parent when it listens; stops on SIGTERM.
 */
import express from 'express'
import pg from 'pg'
import createApp from '../src/app'
import config from '../src/config'
import { createDatabase } from '../src/db'
import { createSessionStore } from '../src/middleware/sessionStore'
import { createServices } from '../src/services'
import { RELEASE_SQL } from '../src/services/statistics/releaseQuery'

export const BARE_LIST_SQL = `SELECT id, case_ref, given_names, family_name, date_of_death, notified_at, status, expected,
  category, on_hold_reason FROM cases ORDER BY notified_at DESC, case_ref DESC LIMIT 25`
export const BARE_CASE_SQL = 'SELECT * FROM cases WHERE id = $1'
export const BARE_DASHBOARD_SQL = `SELECT status, count(*)::int AS n,
  count(*) FILTER (WHERE family_leaflet_sent_on IS NULL AND notified_at <= CURRENT_DATE - 7)::int AS families_waiting
  FROM cases WHERE status IN ('notified', 'information_gathering', 'ready_for_panel', 'scheduled', 'on_hold') GROUP BY status`

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL!
  const db = createDatabase({ url, poolMax: config.db.poolMax })
  const services = createServices(db, config)
  const sessions = createSessionStore(url, { prune: false })
  const app = createApp(services, { sessionStore: sessions.store })

  const pool = new pg.Pool({ connectionString: url, max: config.db.poolMax })
  const bare = express()
  bare.get('/bare/cases', async (_req, res) => res.json((await pool.query(BARE_LIST_SQL)).rows))
  bare.get('/bare/cases/:id', async (req, res) => res.json((await pool.query(BARE_CASE_SQL, [req.params.id])).rows))
  bare.get('/bare/dashboard', async (_req, res) => res.json((await pool.query(BARE_DASHBOARD_SQL)).rows))
  bare.get('/bare/report', async (req, res) =>
    res.json((await pool.query(RELEASE_SQL, [String(req.query.start), String(req.query.end)])).rows),
  )

  const servers = [
    app.listen(Number(process.env.APP_PORT), '127.0.0.1'),
    bare.listen(Number(process.env.BARE_PORT), '127.0.0.1'),
  ]
  await Promise.all(servers.map(s => new Promise(resolve => s.once('listening', resolve))))
  process.send?.('ready')
  process.on('SIGTERM', async () => {
    servers.forEach(s => s.closeAllConnections())
    await Promise.all(servers.map(s => new Promise(resolve => s.close(resolve))))
    await Promise.all([pool.end(), sessions.close(), db.close()])
    process.exit(0)
  })
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
