import { Sequelize } from 'sequelize'
import pg from 'pg'
import logger from '../logger'

// DATE and DATEONLY columns come back as 'YYYY-MM-DD' strings: calendar dates must never shift by time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)
// Counts (bigint) fit comfortably in a JS number for this service's volumes.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value))

export interface ConnectionOptions {
  url: string
  poolMax?: number
  ssl?: boolean
}

export function createSequelize({ url, poolMax = 10, ssl = false }: ConnectionOptions): Sequelize {
  return new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pg,
    logging: sql => logger.trace({ sql: sql.slice(0, 200) }, 'sql'),
    pool: { max: poolMax, min: 0, idle: 10000, acquire: 30000 },
    // Sequelize listens for 'error' on each of its connections and drops a broken one from the
    // pool (see db/databaseUnavailable.ts for how requests meeting an outage are answered).
    dialectOptions: {
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      ...(ssl ? { ssl: { require: true, rejectUnauthorized: true } } : {}),
    },
    define: { underscored: true, timestamps: true },
    timezone: '+00:00',
  })
}
