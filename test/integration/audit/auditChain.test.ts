import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { QueryTypes } from 'sequelize'
import { createDatabase } from '../../../src/db'
import AuditService from '../../../src/services/auditService'
import AuditChainService from '../../../src/services/auditChainService'
import { GENESIS_HASH, parseChainHead } from '../../../src/domain/auditChain'
import { runCliInTest } from '../../helpers/cli'
import { withAuditTriggersOff } from '../../helpers/ownerDb'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const ctx = (requestId: string | null = null) => ({ actorUserId: null, requestId, ip: '203.0.113.9' })

// Values whose escaping must come out the same in PL/pgSQL and in Node.
const AWKWARD = [
  'plain',
  'quote " backslash \\ slash /',
  'new\nline\ttab\rreturn\bback\fform',
  'control \u0001\u001f and DEL \u007f',
  'accents éàü, Cymraeg ŵŷ, emoji 👶🏽, line sep \u2028',
  "it's <script>alert(1)</script>",
]

describe('the audit log hash chain', () => {
  let t: TestApp
  let chain: AuditChainService
  beforeAll(() => {
    t = createTestApp()
    chain = t.services.auditChainService
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  async function writeRows(n = AWKWARD.length): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      const text = AWKWARD[i % AWKWARD.length]
      await t.services.auditService.record(ctx(`req-${text}`), {
        action: 'case_viewed',
        entityType: 'case',
        entityId: text,
        details: { text, nested: { n: i, big: 9007199254740991, price: 1.5, list: [true, null, 'x'] } },
      })
    }
  }

  const rows = () =>
    t.db.sequelize.query<{ id: string; seq: string; hash: string; prev_hash: string }>(
      'SELECT id::text, seq::text, hash, prev_hash FROM audit_events ORDER BY audit_events.seq',
      { type: QueryTypes.SELECT },
    )

  it('chains every row, gap-free, and the checker in Node agrees with the database byte for byte', async () => {
    await writeRows()
    const stored = await rows()
    expect(stored.map(r => r.seq)).toEqual(AWKWARD.map((_, i) => String(i + 1)))
    expect(stored[0].prev_hash).toBe(GENESIS_HASH)
    stored.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(stored[i].hash))
    const result = await chain.verify()
    expect(result).toEqual({ ok: true, rows: AWKWARD.length, head: { seq: AWKWARD.length, hash: stored.at(-1)!.hash } })
    expect(await chain.head()).toEqual(result.head)
  })

  it('chains rows that are inserted by raw SQL too, and ignores chain values an inserter makes up', async () => {
    await writeRows(2)
    await t.db.sequelize.query(
      `INSERT INTO audit_events (action, details, seq, prev_hash, hash)
       VALUES ('case_imported', '{"import_id": "x"}', 1, repeat('a', 64), repeat('b', 64)), ('case_imported', '{}', 99, NULL, NULL)`,
    )
    expect((await rows()).map(r => r.seq)).toEqual(['1', '2', '3', '4'])
    expect((await chain.verify()).ok).toBe(true)
  })

  it('leaves no gap for a transaction that rolled back', async () => {
    await writeRows(1)
    await expect(
      t.db.transaction(async transaction => {
        await t.services.auditService.record(ctx(), { action: 'case_viewed' }, transaction)
        throw new Error('undone')
      }),
    ).rejects.toThrow('undone')
    await writeRows(1)
    expect((await rows()).map(r => r.seq)).toEqual(['1', '2'])
    expect((await chain.verify()).ok).toBe(true)
  })

  describe('catches tampering by someone able to switch the triggers off', () => {
    beforeEach(() => writeRows())

    it('a row changed', async () => {
      await withAuditTriggersOff(`UPDATE audit_events SET details = '{"text": "nothing to see"}' WHERE seq = 3`)
      const result = await chain.verify()
      expect(result.ok).toBe(false)
      expect(result.problem).toMatch(/^Audit row 3 \(id \d+\) does not match its hash: the row was changed/)
      expect(result.head.seq).toBe(2)
    })

    it('a time moved back', async () => {
      await withAuditTriggersOff(
        `UPDATE audit_events SET occurred_at = occurred_at - interval '1 microsecond' WHERE seq = 5`,
      )
      expect((await chain.verify()).problem).toMatch(/^Audit row 5 .* does not match its hash/)
    })

    it('a row deleted from the middle', async () => {
      await withAuditTriggersOff('DELETE FROM audit_events WHERE seq = 2')
      expect((await chain.verify()).problem).toMatch(
        /has sequence number 3 but 2 was expected: row\(s\) 2 were deleted/,
      )
    })

    it('rows deleted from the end', async () => {
      await withAuditTriggersOff(`DELETE FROM audit_events WHERE seq >= ${AWKWARD.length - 1}`)
      expect((await chain.verify()).problem).toMatch(
        new RegExp(
          `^The log ends at ${AWKWARD.length - 2}:[0-9a-f]{64} but the chain head records ${AWKWARD.length}:.*rows were deleted from the end`,
        ),
      )
    })

    it('a row inserted without the chain trigger', async () => {
      await withAuditTriggersOff(`INSERT INTO audit_events (action, details) VALUES ('sign_in', '{}')`)
      expect((await chain.verify()).problem).toMatch(
        /has no place in the chain: it was written with the chain trigger switched off/,
      )
    })

    it('a row inserted with a copied sequence number and hash', async () => {
      await withAuditTriggersOff(
        `INSERT INTO audit_events (action, details, seq, prev_hash, hash)
         SELECT 'sign_in', '{}', seq, prev_hash, hash FROM audit_events WHERE seq = 2`,
      )
      expect((await chain.verify()).problem).toMatch(
        /repeats sequence number 2: a row was inserted|does not match its hash/,
      )
    })

    it('a row replaced by one with a recomputed hash breaks the link to the next row', async () => {
      await withAuditTriggersOff(
        `UPDATE audit_events SET action = 'sign_out' WHERE seq = 2`,
        `UPDATE audit_events SET hash = encode(sha256(convert_to(audit_event_canonical(audit_events, seq, prev_hash), 'UTF8')), 'hex') WHERE seq = 2`,
      )
      expect((await chain.verify()).problem).toMatch(/^Audit row 3 .* does not follow the row before it/)
    })

    it('a rewrite of the whole chain passes on its own but is caught against a head kept outside', async () => {
      const kept = await chain.head()
      // The rewrite an owner could do: change a row, then recompute every hash after it and the head.
      await withAuditTriggersOff(
        `UPDATE audit_events SET details = '{}' WHERE seq = 2`,
        `DO $$
         DECLARE r audit_events; h text := repeat('0', 64);
         BEGIN
           FOR r IN SELECT * FROM audit_events ORDER BY seq LOOP
             UPDATE audit_events SET prev_hash = h,
               hash = encode(sha256(convert_to(audit_event_canonical(r, r.seq, h), 'UTF8')), 'hex')
             WHERE id = r.id RETURNING hash INTO h;
           END LOOP;
           UPDATE audit_chain_head SET hash = h;
         END $$`,
      )
      expect((await chain.verify()).ok).toBe(true)
      const result = await chain.verify(kept)
      expect(result.ok).toBe(false)
      expect(result.problem).toMatch(
        /^Row 6 no longer has the hash recorded outside the database .*the log was rewritten/,
      )
    })
  })

  describe('on the command line', () => {
    it('audit:head prints the head, audit:verify checks against it, from an argument or a log file', async () => {
      await writeRows(3)
      const head = await runCliInTest(t, ['audit:head'])
      expect(head.code).toBe(0)
      const parsed = parseChainHead(head.out.trim())
      expect(parsed).toEqual(await chain.head())

      const ok = await runCliInTest(t, ['audit:verify', '--head', head.out.trim()])
      expect(ok).toMatchObject({ code: 0, err: '' })
      expect(ok.out).toContain(`The audit log verifies: 3 rows, head ${head.out.trim()}`)

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdop-head-'))
      const log = path.join(dir, 'server.log')
      fs.writeFileSync(
        log,
        [
          `{"level":30,"auditChainHead":"1:${'c'.repeat(64)}","msg":"audit chain head"}`,
          `{"level":30,"auditChainHead":"${head.out.trim()}","msg":"audit chain head"}`,
          '{"level":30,"msg":"scheduled jobs ran"}',
        ].join('\n'),
      )
      expect((await runCliInTest(t, ['audit:verify', '--head-file', log])).code).toBe(0)

      await withAuditTriggersOff(`UPDATE audit_events SET ip = NULL WHERE seq = 1`)
      const bad = await runCliInTest(t, ['audit:verify'])
      expect(bad.code).toBe(1)
      expect(bad.err).toMatch(/^The audit log does not verify\. Audit row 1 .* does not match its hash/)
      fs.rmSync(dir, { recursive: true, force: true })
    })

    it('refuses a malformed or impossible head, and a head later than the log', async () => {
      await writeRows(2)
      for (const head of ['12', 'abc:def', `1:${'g'.repeat(64)}`, `1:${'a'.repeat(63)}`, `-1:${'a'.repeat(64)}`]) {
        const result = await runCliInTest(t, ['audit:verify', `--head=${head}`])
        expect(result.code).toBe(2)
        expect(result.err).toMatch(/--head must be SEQ:HASH/)
      }
      const missing = await runCliInTest(t, ['audit:verify', '--head-file', '/nonexistent/cdop.log'])
      expect(missing).toMatchObject({ code: 2 })
      expect(missing.err).toMatch(/Could not read \/nonexistent\/cdop.log/)
      const later = await runCliInTest(t, ['audit:verify', '--head', `9:${'a'.repeat(64)}`])
      expect(later.code).toBe(1)
      expect(later.err).toMatch(/The log ends at row 2, before the head kept outside it/)
      const wrong = await runCliInTest(t, ['audit:verify', '--head', `1:${'a'.repeat(64)}`])
      expect(wrong.code).toBe(1)
      expect(wrong.err).toMatch(/Row 1 no longer has the hash recorded outside the database/)
    })
  })

  it('stays one valid chain with two instances writing at once', async () => {
    const other = createDatabase({ url: process.env.DATABASE_URL!, poolMax: 4 })
    try {
      const writers = [t.services.auditService, new AuditService(other)]
      const dbs = [t.db, other]
      const work: Promise<unknown>[] = []
      for (let i = 0; i < 60; i += 1) {
        const w = i % 2
        if (i % 10 === 0) {
          // A multi-row transaction interleaved with single writes from the other instance.
          work.push(
            dbs[w].transaction(async transaction => {
              for (let j = 0; j < 3; j += 1) {
                await writers[w].record(ctx(`tx-${i}`), { action: 'case_updated', details: { j } }, transaction)
              }
            }),
          )
        } else work.push(writers[w].record(ctx(`single-${i}`), { action: 'case_viewed', details: { i } }))
      }
      await Promise.all(work)
      const stored = await rows()
      expect(stored).toHaveLength(54 + 6 * 3)
      expect(stored.map(r => Number(r.seq))).toEqual(stored.map((_, i) => i + 1))
      const result = await chain.verify()
      expect(result).toMatchObject({ ok: true, rows: 72, head: { seq: 72 } })
    } finally {
      await other.close()
    }
  })

  it('checks a long log in batches', async () => {
    await t.db.sequelize.query(
      `INSERT INTO audit_events (action, entity_type, entity_id, details)
       SELECT 'case_viewed', 'case', g::text, jsonb_build_object('n', g) FROM generate_series(1, 4500) g`,
    )
    expect(await chain.verify()).toMatchObject({ ok: true, rows: 4500, head: { seq: 4500 } })
  })
})
