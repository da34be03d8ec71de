import { Client } from 'pg'
import request from 'supertest'
import { ownerUrl } from '../../helpers/ownerDb'
import { createTestApp, TestApp } from '../../helpers/testApp'

describe('health checks', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  afterAll(() => t.close())

  it('answers /ping without touching the database or a session', async () => {
    const response = await request(t.app).get('/ping').expect(200)
    expect(response.body).toEqual({ status: 'UP' })
    expect(response.headers['set-cookie']).toBeUndefined()
  })

  it('reports the database as up', async () => {
    const response = await request(t.app).get('/health').expect(200)
    expect(response.body).toEqual({ status: 'UP', components: { database: 'UP' } })
    expect(response.headers['cache-control']).toBe('no-store')
  })

  it('answers 503 while the database refuses connections, and recovers after', async () => {
    const url = new URL(ownerUrl())
    const database = url.pathname.slice(1)
    url.pathname = '/postgres'
    const admin = new Client({ connectionString: url.toString() })
    await admin.connect()
    try {
      // Stop the database for this app: no new connections, and every open one cut.
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`)
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database])
      const down = await request(t.app).get('/health')
      expect(down.status).toBe(503)
      expect(down.body).toEqual({ status: 'DOWN', components: { database: 'DOWN' } })
    } finally {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`)
      await admin.end()
    }
    await request(t.app).get('/health').expect(200)
  })
})
