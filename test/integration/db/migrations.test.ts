import fs from 'node:fs'
import path from 'node:path'
import { QueryTypes } from 'sequelize'
import { migrateUp, RENAMED_MIGRATIONS } from '../../../src/db/migrator'
import { ownerUrl } from '../../helpers/ownerDb'
import { createTestApp, TestApp } from '../../helpers/testApp'

const MIGRATIONS = path.join(__dirname, '../../../migrations')

describe('migrations', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp({ asOwner: true })
  })
  afterAll(() => t.close())

  it('each have their own timestamp, so their order never depends on the rest of the name', () => {
    const stamps = fs.readdirSync(MIGRATIONS).map(name => name.split('-')[0])
    expect(stamps.filter((stamp, i) => stamps.indexOf(stamp) !== i)).toEqual([])
  })

  it('are not run again on a database that recorded a migration under its old name', async () => {
    const [[from, to]] = Object.entries(RENAMED_MIGRATIONS)
    const names = async () =>
      (
        await t.db.sequelize.query<{ name: string }>('SELECT name FROM sequelize_meta', { type: QueryTypes.SELECT })
      ).map(r => r.name)
    await t.db.sequelize.query('UPDATE sequelize_meta SET name = :from WHERE name = :to', {
      replacements: { from, to },
    })
    expect(await names()).toContain(from)

    const applied = await migrateUp(t.db.sequelize, ownerUrl())
    expect(applied).toEqual([])
    expect(await names()).toContain(to)
    expect(await names()).not.toContain(from)
  })
})
