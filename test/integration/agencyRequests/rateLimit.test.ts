import config from '../../../src/config'
import { newLinkToken } from '../../../src/services/agencyRequests/linkToken'
import { newAgent } from '../../helpers/agent'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const LIMITED = { ...config, agencyRequests: { ...config.agencyRequests, linkMaxRequestsPerMinute: 3 } }

describe('rate limit on the agency link pages', () => {
  let t: TestApp
  let second: TestApp
  beforeAll(() => {
    t = createTestApp({ config: LIMITED })
    // A second instance of the service on the same database, as behind a load balancer.
    second = createTestApp({ config: LIMITED, db: t.db })
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(async () => {
    await second.close()
    await t.close()
  })

  // The app trusts the loopback proxy, so X-Forwarded-For stands for the client's address here.
  const from = (app: TestApp, address: string) =>
    newAgent(app.app).get(`/agency/${newLinkToken()}`).set('X-Forwarded-For', address)

  it('answers 429 once one address goes over the limit, counting across instances, and leaves others alone', async () => {
    expect((await from(t, '203.0.113.7')).status).toBe(404)
    expect((await from(second, '203.0.113.7')).status).toBe(404)
    expect((await from(t, '203.0.113.7')).status).toBe(404)
    const limited = await from(second, '203.0.113.7')
    expect(limited.status).toBe(429)
    expect(limited.text).toContain('Too many requests')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await from(t, '198.51.100.20')).status).toBe(404)
    const [rows] = await t.db.sequelize.query('SELECT key, hits FROM rate_limit_counters ORDER BY hits DESC')
    expect(rows).toEqual([
      { key: expect.stringMatching(/^[0-9a-f]{64}$/), hits: 4 },
      { key: expect.stringMatching(/^[0-9a-f]{64}$/), hits: 1 },
    ])
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7')
  })

  it('does not limit the rest of the service', async () => {
    for (let i = 0; i < 5; i += 1) expect((await newAgent(t.app).get('/sign-in')).status).toBe(200)
  })
})
