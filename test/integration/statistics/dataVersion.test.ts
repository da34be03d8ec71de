import { Client } from 'pg'
import config from '../../../src/config'
import { systemContext } from '../../../src/services/auditContext'
import { createServices } from '../../../src/services'
import { dataVersion } from '../../../src/services/dataVersionCache'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { insertCases, sampleCases } from './caseRows'

/**
 * The statistics' data version (migration 20261202050001) and the releases kept by it: the version
 * moves with every commit that changes what a release reads, never before the commit and never for
 * a rollback or a mere view, so a kept release is never shown for data that has moved on.
 */
describe('the statistics data version', () => {
  let t: TestApp
  beforeAll(async () => {
    t = createTestApp()
    await resetDatabase(t.db)
  })
  afterAll(() => t.close())

  const version = async () => BigInt(await dataVersion(t.db))
  const connect = async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    return client
  }

  it('moves once for each commit that writes cases, agency requests or local authorities', async () => {
    const before = await version()
    await insertCases(t.db, sampleCases().slice(0, 3))
    expect(await version()).toBe(before + 1n)
    await t.db.sequelize.transaction(async transaction => {
      await t.db.sequelize.query("UPDATE cases SET local_authority = 'Northshire'", { transaction })
      await t.db.sequelize.query("UPDATE cases SET local_authority = 'Southshire'", { transaction })
    })
    expect(await version()).toBe(before + 2n)
    await t.services.localAuthorityService.change(
      { kind: 'add', name: 'Northshire' },
      await t.services.localAuthorityService.listVersion(),
      systemContext(),
    )
    expect(await version()).toBe(before + 3n)
    await t.db.sequelize.query('UPDATE agency_requests SET updated_at = now()')
    expect(await version()).toBe(before + 4n)
    await t.db.sequelize.query('DELETE FROM agency_requests')
    expect(await version()).toBe(before + 5n)
  })

  it('does not move for a rollback, a read or an audited view, and not before the commit', async () => {
    const before = await version()
    await expect(
      t.db.sequelize.transaction(async transaction => {
        await t.db.sequelize.query("UPDATE cases SET local_authority = 'Eastshire'", { transaction })
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    await t.db.sequelize.query('SELECT count(*) FROM cases')
    await t.services.auditService.record(systemContext(), {
      action: 'statistics_viewed',
      entityType: 'statistics',
      entityId: '2016-17',
    })
    expect(await version()).toBe(before)

    const writer = await connect()
    try {
      await writer.query('BEGIN')
      await writer.query("UPDATE cases SET local_authority = 'Westshire'")
      expect(await version()).toBe(before) // written, not committed: not seen
      await writer.query('COMMIT')
      expect(await version()).toBe(before + 1n)
    } finally {
      await writer.end()
    }
  })

  it('lets two writers of different cases, each waiting on the other, finish without a deadlock', async () => {
    await insertCases(t.db, sampleCases().slice(0, 2))
    const [first, second] = (await t.db.sequelize.query('SELECT id FROM cases ORDER BY id LIMIT 2'))[0] as {
      id: string
    }[]
    const [a, b] = [await connect(), await connect()]
    try {
      const before = await version()
      await a.query('BEGIN')
      await b.query('BEGIN')
      await a.query('UPDATE cases SET local_authority = $2 WHERE id = $1', [first.id, 'A'])
      await b.query('UPDATE cases SET local_authority = $2 WHERE id = $1', [second.id, 'B'])
      // A now waits for B's row. Had marking a transaction locked one shared row (held by A since
      // its first write), B could never commit: a deadlock. B's commit goes through, then A's.
      const waiting = a.query('UPDATE cases SET local_authority = $2 WHERE id = $1', [second.id, 'A'])
      await b.query('COMMIT')
      await waiting
      await a.query('COMMIT')
      expect(await version()).toBe(before + 2n)
    } finally {
      await Promise.all([a.end(), b.end()])
    }
  })

  it('cannot be moved or faked by the app role', async () => {
    await expect(t.db.sequelize.query('UPDATE statistics_data_version SET version = 1')).rejects.toThrow(
      /permission denied/,
    )
    await expect(t.db.sequelize.query("INSERT INTO statistics_data_changes VALUES ('1')")).rejects.toThrow(
      /permission denied/,
    )
  })

  it('shows an edit at once, on this instance and on another, though the release is kept', async () => {
    await resetDatabase(t.db)
    await insertCases(
      t.db,
      sampleCases().filter(c => c.dod >= '2016-04-01' && c.dod <= '2017-03-31'),
    )
    const other = createServices(t.db, config).statisticsService
    const deaths = async (service = t.services.statisticsService) => {
      const release = await service.produceRelease(
        { years: '2016-17', mode: 'unsuppressed' },
        { kind: 'report' },
        systemContext(),
      )
      return JSON.stringify(release.tables.find(table => table.id === 'deaths_by_age_and_sex'))
    }
    const before = await deaths()
    const spy = jest.spyOn(t.db.sequelize, 'query')
    expect(await deaths()).toBe(before) // kept, and the same: the release statement did not run again
    expect(spy.mock.calls.filter(([sql]) => String(sql).includes('generate_series'))).toHaveLength(0)
    spy.mockRestore()
    expect(await deaths(other)).toBe(before)
    await t.db.sequelize.query(
      "UPDATE cases SET sex = CASE sex WHEN 'male' THEN 'female' ELSE 'male' END WHERE id = (SELECT min(id::text)::uuid FROM cases)",
    )
    const after = await deaths()
    expect(after).not.toBe(before)
    expect(await deaths(other)).toBe(after)
  })
})
