import { createMigrator } from '../../db/migrator'
import type { Command } from '../command'

export const dbMigrate: Command = {
  name: 'db:migrate',
  summary: 'Apply pending database migrations (the server also does this when it starts)',
  usage: 'npm run db:migrate',
  async run(_args, { io, openDatabase }) {
    // Opening the database applies pending migrations under a lock.
    const opened = await openDatabase()
    const executed = await createMigrator(opened.db.sequelize).executed()
    io.stdout.write(`Database is up to date: ${executed.length} migrations applied\n`)
    await opened.close()
    return 0
  },
}

export const dbMigrateUndo: Command = {
  name: 'db:migrate:undo',
  summary: 'Revert the most recent migration',
  usage: 'npm run db:migrate:undo',
  async run(_args, { io, openDatabase }) {
    const opened = await openDatabase()
    try {
      const reverted = await createMigrator(opened.db.sequelize).down()
      if (!reverted.length) {
        io.stderr.write('Nothing to revert: no migration has been applied.\n')
        return 1
      }
      io.stdout.write(`Reverted ${reverted[0].name}\n`)
      return 0
    } finally {
      await opened.close()
    }
  },
}
