import { QueryTypes } from 'sequelize'
import AuditChainService from '../../../src/services/auditChainService'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

/** The chain trigger chains a transaction's rows in one pass at COMMIT (migration 20261202040001). */
describe('the audit chain of a transaction that writes many rows', () => {
  let t: TestApp
  let chain: AuditChainService
  beforeAll(() => {
    t = createTestApp()
    chain = t.services.auditChainService
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const insert = (count: number, action: string, transaction?: import('sequelize').Transaction) =>
    t.db.sequelize.query(
      `INSERT INTO audit_events (action, entity_type, entity_id, details)
       SELECT $1, 'case', g::text, jsonb_build_object('n', g) FROM generate_series(1, $2::int) g`,
      { bind: [action, count], transaction },
    )

  const chained = () =>
    t.db.sequelize.query<{ id: string; seq: string; action: string }>(
      'SELECT id::text, seq::text, action FROM audit_events ORDER BY audit_events.seq NULLS FIRST, audit_events.id',
      { type: QueryTypes.SELECT },
    )

  it('chains every row of a big transaction, gap-free, in the order they were inserted', async () => {
    await insert(3, 'sign_in')
    await t.db.transaction(async transaction => {
      await insert(5000, 'case_imported', transaction)
      await insert(2, 'cases_imported', transaction)
    })
    const rows = await chained()
    expect(rows).toHaveLength(5005)
    expect(rows.map(r => Number(r.seq))).toEqual(rows.map((_, i) => i + 1))
    // Ordered by seq, the ids rise too: the rows are chained in the order they were written.
    expect(rows.every((r, i) => i === 0 || BigInt(r.id) > BigInt(rows[i - 1].id))).toBe(true)
    expect(await chain.verify()).toEqual({ ok: true, rows: 5005, head: expect.objectContaining({ seq: 5005 }) })
  })

  it('chains rows written inside a savepoint and rolls back with the rows of one that was undone', async () => {
    await t.db.transaction(async transaction => {
      await insert(2, 'sign_in', transaction)
      await t.db.sequelize.transaction({ transaction }, async inner => insert(3, 'case_viewed', inner))
      await t.db.sequelize
        .transaction({ transaction }, async inner => {
          await insert(4, 'case_updated', inner)
          throw new Error('undone')
        })
        .catch(() => undefined)
      await insert(1, 'sign_out', transaction)
    })
    const rows = await chained()
    expect(rows.map(r => r.action).sort()).toEqual(
      ['case_viewed', 'case_viewed', 'case_viewed', 'sign_in', 'sign_in', 'sign_out'].sort(),
    )
    expect(rows.map(r => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6])
    expect(await chain.verify()).toMatchObject({ ok: true, rows: 6, head: { seq: 6 } })
  })

  it('leaves nothing chained when the transaction rolls back', async () => {
    await insert(1, 'sign_in')
    await t.db
      .transaction(async transaction => {
        await insert(100, 'case_imported', transaction)
        throw new Error('rolled back')
      })
      .catch(() => undefined)
    expect(await chained()).toEqual([expect.objectContaining({ seq: '1', action: 'sign_in' })])
    expect(await chain.verify()).toMatchObject({ ok: true, rows: 1, head: { seq: 1 } })
  })
})
