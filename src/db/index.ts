import { Sequelize, Transaction } from 'sequelize'
import { createSequelize, ConnectionOptions } from './connection'
import { initModels, Models } from './models'

export interface Database {
  sequelize: Sequelize
  models: Models
  /** Runs `work` in one transaction: commit on success, roll back and rethrow on failure. */
  transaction: <T>(work: (t: Transaction) => Promise<T>) => Promise<T>
  close: () => Promise<void>
}

/** One per process: Sequelize binds the model classes to the connection they were initialised with. */
export function createDatabase(options: ConnectionOptions): Database {
  const sequelize = createSequelize(options)
  const models = initModels(sequelize)
  return {
    sequelize,
    models,
    transaction: work => sequelize.transaction(t => work(t)),
    close: () => sequelize.close(),
  }
}
