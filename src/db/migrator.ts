import path from 'node:path'
import { Client } from 'pg'
import { Sequelize } from 'sequelize'
import { SequelizeStorage, Umzug } from 'umzug'
import { rootDir } from '../config'

/**
 * Runs the sequelize-cli style migrations in /migrations from code, recording them in the table
 * sequelize_meta (Umzug's SequelizeMeta model under the project's underscored naming; sequelize-cli
 * itself would look for "SequelizeMeta", so use npm run db:migrate rather than sequelize-cli).
 */
export function createMigrator(sequelize: Sequelize, log: (message: string) => void = () => undefined) {
  return new Umzug({
    migrations: {
      glob: path.join(rootDir, 'migrations', '*.js').replace(/\\/g, '/'),
      resolve: ({ name, path: file, context }) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const migration = require(file!)
        return {
          name,
          up: async () => migration.up(context, Sequelize),
          down: async () => migration.down(context, Sequelize),
        }
      },
    },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: {
      info: m => log(String(m.event ?? '') + ' ' + String(m.name ?? '')),
      warn: () => undefined,
      error: () => undefined,
      debug: () => undefined,
    },
  })
}

/**
 * Migrations renamed after they had run somewhere, old name → new name. A database that recorded
 * the old name gets the new one before anything runs, so the migration is not run twice.
 * (Two migrations once shared the timestamp 20261123000030; the first one to run moved to …022.)
 */
export const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  '20261123000030-add-learning-points-to-cases.js': '20261123000022-add-learning-points-to-cases.js',
}

// Umzug's model SequelizeMeta, under this project's underscored naming, is the table sequelize_meta.
async function recordRenames(client: Client): Promise<void> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('sequelize_meta') IS NOT NULL AS exists`)
  if (!rows[0].exists) return
  for (const [from, to] of Object.entries(RENAMED_MIGRATIONS)) {
    await client.query('UPDATE sequelize_meta SET name = $2 WHERE name = $1', [from, to])
  }
}

// Several instances may start together: only one runs the migrations, the others wait for it.
const MIGRATION_LOCK_KEY = 726_000

export async function migrateUp(sequelize: Sequelize, url: string, log?: (message: string) => void): Promise<string[]> {
  const lock = new Client({ connectionString: url })
  await lock.connect()
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    await recordRenames(lock)
    const done = await createMigrator(sequelize, log).up()
    return done.map(m => m.name)
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined)
    await lock.end()
  }
}
