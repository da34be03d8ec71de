import { ChildProcess, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

/**
 * The real server in a child process, on a PostgreSQL of its own that the test stops with a fast
 * shutdown (SIGINT to the postmaster, what `pg_ctl stop -m fast` sends) and starts again.
 */
const root = path.resolve(__dirname, '../../..')
const SECRET = 'resilience-test-secret-0123456789-abcdefghij'
const randomPort = () => 20000 + Math.floor(Math.random() * 20000)
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs')

/** The test's own PostgreSQL, in a child process (test/helpers/pgControl.ts). */
class Postgres {
  private readonly child: ChildProcess
  private output = ''
  url = ''

  constructor(dir: string, port: number) {
    this.child = spawn(process.execPath, [tsx, 'test/helpers/pgControl.ts', dir, String(port)], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    this.child.stdout!.on('data', chunk => (this.output += String(chunk)))
  }

  private async answer(expected: string): Promise<string> {
    await waitFor(async () => this.output.includes(expected) || this.output.includes('error '), 90_000, expected)
    const line = this.output.split('\n').find(l => l.startsWith(expected) || l.startsWith('error '))!
    this.output = ''
    if (line.startsWith('error ')) throw new Error(line)
    return line
  }

  async ready(): Promise<void> {
    this.url = (await this.answer('ready ')).slice('ready '.length).trim()
  }

  async start(): Promise<void> {
    this.child.stdin!.write('start\n')
    await this.ready()
  }

  async stop(): Promise<void> {
    this.child.stdin!.write('stop\n')
    await this.answer('stopped')
  }

  async quit(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise(resolve => this.child.once('exit', resolve))
    this.child.stdin!.write('quit\n')
    await exited
  }
}

interface Running {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function startServer(env: Record<string, string>): Running {
  let output = ''
  const child = spawn(process.execPath, [tsx, 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', chunk => (output += String(chunk)))
  child.stderr!.on('data', chunk => (output += String(chunk)))
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  return { child, output: () => output, exited }
}

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, headers, agent: false }, res => {
      let body = ''
      res.on('data', chunk => (body += String(chunk)))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
  })
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

/** A session cookie as express-session signs it: the store is asked for the session on every request. */
function sessionCookie(): string {
  const sid = crypto.randomBytes(24).toString('base64url')
  const signature = crypto.createHmac('sha256', SECRET).update(sid).digest('base64').replace(/=+$/, '')
  return `cdop.session=${encodeURIComponent(`s:${sid}.${signature}`)}`
}

describe('the server process', () => {
  let dir: string
  let pgPort: number
  let pg: Postgres
  let server: Running | undefined
  const appPort = randomPort()

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-resilience-pg-'))
    fs.chmodSync(dir, 0o755)
    pgPort = randomPort()
    pg = new Postgres(path.join(dir, 'data'), pgPort)
    await pg.ready()
    server = startServer({
      NODE_ENV: 'development',
      DATABASE_URL: pg.url,
      // One role on this test's own PostgreSQL: not the worker's owner URL inherited from setupEnv.
      MIGRATION_DATABASE_URL: pg.url,
      PORT: String(appPort),
      SESSION_SECRET: SECRET,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_SECONDS: '20',
    })
    await waitFor(async () => (await get(appPort, '/health')).status === 200, 90_000, 'the server to start')
  }, 120_000)

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL')
      await server.exited
    }
    await pg?.quit()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('survives a fast shutdown of PostgreSQL, answers 503 while it is away, and recovers without a restart', async () => {
    const running = server!
    // Idle connections in both pools: Sequelize (health) and the session store (a session cookie).
    await get(appPort, '/health')
    await get(appPort, '/sign-in', { Cookie: sessionCookie() })

    await pg.stop()
    await new Promise(resolve => setTimeout(resolve, 1000))
    expect(running.child.exitCode).toBeNull() // still running

    const health = await get(appPort, '/health')
    expect(health.status).toBe(503)
    const page = await get(appPort, '/cases', { Cookie: sessionCookie(), Accept: 'text/html' })
    expect(page.status).toBe(503)
    expect(page.headers['retry-after']).toBe('30')
    expect(page.body).toContain('Sorry, the service is unavailable')
    expect(page.body).toContain('Nothing you saved is lost')
    expect(page.body).not.toMatch(/ECONNREFUSED|terminating connection/) // not even in development

    await pg.start()
    const recoveredIn = await waitFor(async () => (await get(appPort, '/health')).status === 200, 10_000, 'recovery')
    expect(recoveredIn).toBeLessThan(5000)
    expect((await get(appPort, '/sign-in', { Cookie: sessionCookie() })).status).toBe(200)
    expect(running.child.exitCode).toBeNull()
    expect(running.output()).not.toMatch(/uncaught|unhandled/i)
    const outageLines = running.output().match(/the database is unavailable/g) ?? []
    expect(outageLines.length).toBeGreaterThanOrEqual(1)
    expect(outageLines.length).toBeLessThanOrEqual(2) // once, not once per request or connection
  }, 60_000)

  it('on SIGTERM finishes the request in flight, refuses new connections, closes its pools and exits 0', async () => {
    const running = server!
    const body = 'email=a%40example.org&password=' + 'x'.repeat(200)
    const answer = new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: appPort,
          method: 'POST',
          path: '/sign-in',
          agent: false,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
        },
        res => {
          let text = ''
          res.on('data', chunk => (text += String(chunk)))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
        },
      )
      req.on('error', reject)
      req.write(body.slice(0, 20)) // the request is now in flight, its body half sent
      setTimeout(() => {
        running.child.kill('SIGTERM')
        setTimeout(() => req.end(body.slice(20)), 1500)
      }, 300)
    })
    // While it waits, the server accepts nothing new.
    await new Promise(resolve => setTimeout(resolve, 1000))
    expect(running.child.exitCode).toBeNull()
    await expect(get(appPort, '/ping')).rejects.toThrow(/ECONNREFUSED|ECONNRESET/)

    const finished = await answer
    expect(finished.status).toBe(403) // answered in full (no form token: the usual refusal)
    expect(finished.body).toContain('Your form has expired')
    expect(await running.exited).toBe(0)
    expect(running.output()).toContain('shutdown complete: requests finished, database pools closed')
  }, 60_000)
})
