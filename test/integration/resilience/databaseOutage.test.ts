import { Client } from 'pg'
import request from 'supertest'
import logger, { captureLogLines } from '../../../src/logger'
import { newLinkToken } from '../../../src/services/agencyRequests/linkToken'
import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

/** Closes the worker's database to new connections and cuts every open one, as a fast shutdown does. */
async function stopDatabase(admin: Client, database: string) {
  await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`)
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database])
}

describe('the database going away while the app runs', () => {
  let t: TestApp
  let admin: Client
  let database: string
  beforeAll(async () => {
    t = createTestApp()
    // ALLOW_CONNECTIONS needs the database's owner: the owner's URL, not the app role's.
    const url = new URL(process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL!)
    database = url.pathname.slice(1)
    url.pathname = '/postgres'
    admin = new Client({ connectionString: url.toString() })
    await admin.connect()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`)
    await admin.end()
    await t.close()
  })

  it('answers 503 with a page saying nothing is lost, logs it once, and carries on when it returns', async () => {
    const user = await buildUser(t.services)
    const agent = newAgent(t.app)
    await signIn(agent, user.email, TEST_PASSWORD)
    await agent.get('/cases').expect(200) // both pools now hold idle connections
    const lines: string[] = []
    const restore = captureLogLines(line => lines.push(line))
    const level = logger.level
    logger.level = 'info'
    try {
      await stopDatabase(admin, database)
      // The cut idle connections emit 'error' on their pools: the process must not notice.
      await new Promise(resolve => setTimeout(resolve, 200))

      for (const url of ['/cases', '/', '/meetings']) {
        const page = await agent.get(url) // the session store cannot load the session
        expect(page.status).toBe(503)
        expect(page.headers['retry-after']).toBe('30')
        expect($(page.text)('h1').text().trim()).toBe('Sorry, the service is unavailable')
        expect(page.text).toContain('Nothing you saved is lost')
        expect(page.text).not.toMatch(/ECONNREFUSED|terminating connection|at \w+ \(/) // no technical detail
      }
      const agencyLink = await newAgent(t.app).get(`/agency/${newLinkToken()}`) // no session, a lookup
      expect(agencyLink.status).toBe(503)
      const json = await agent.get('/cases').set('Accept', 'application/json')
      expect(json.status).toBe(503)
      expect(json.body).toMatchObject({ status: 503 })
      const health = await request(t.app).get('/health')
      expect(health.status).toBe(503)

      const outageLines = lines.filter(line => line.includes('the database is unavailable'))
      expect(outageLines).toHaveLength(1) // once, not once per request
      expect(
        lines.filter(line => line.includes('"level":50') && !line.includes('the database is unavailable')),
      ).toEqual([])
    } finally {
      logger.level = level
      restore()
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`)
    }

    // Back without a restart: the same app, the same session.
    await request(t.app).get('/health').expect(200)
    await agent.get('/cases').expect(200)
  })
})
