import {
  canonicalAuditRow,
  chainHash,
  ChainedRow,
  ChainWalker,
  GENESIS_HASH,
  lastChainHeadIn,
  parseChainHead,
  sha256Hex,
} from '../../../src/domain/auditChain'

const row: ChainedRow = {
  seq: '1',
  id: '17',
  occurredAt: '2026-12-01T09:30:00.123456Z',
  actorUserId: '0b6f5c1e-3f59-4d5c-9a59-7d2b0e1b2c3d',
  action: 'case_viewed',
  entityType: 'case',
  entityId: '42',
  requestId: 'req "1"\n',
  ip: null,
  details: '{"a": 1, "section": "death"}',
  prevHash: GENESIS_HASH,
  hash: null,
}

describe('the audit chain serialisation', () => {
  it('is compact JSON with sorted keys, the details as the database wrote them', () => {
    const text = canonicalAuditRow(row, 1, GENESIS_HASH)
    expect(text).toBe(
      '{"action":"case_viewed","actor_user_id":"0b6f5c1e-3f59-4d5c-9a59-7d2b0e1b2c3d","details":{"a": 1, "section": "death"}' +
        ',"entity_id":"42","entity_type":"case","id":17,"ip":null,"occurred_at":"2026-12-01T09:30:00.123456Z"' +
        `,"prev_hash":"${GENESIS_HASH}","request_id":"req \\"1\\"\\n","seq":1}`,
    )
    expect(Object.keys(JSON.parse(text))).toEqual([...Object.keys(JSON.parse(text))].sort())
    expect(chainHash(row, 1, GENESIS_HASH)).toBe(sha256Hex(text))
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('changes its hash when any field, the sequence number or the previous hash changes', () => {
    const base = chainHash(row, 1, GENESIS_HASH)
    const variants: ChainedRow[] = [
      { ...row, id: '18' },
      { ...row, occurredAt: '2026-12-01T09:30:00.123457Z' },
      { ...row, actorUserId: null },
      { ...row, action: 'case_updated' },
      { ...row, entityType: null },
      { ...row, entityId: '43' },
      { ...row, requestId: null },
      { ...row, ip: '' },
      { ...row, details: '{}' },
    ]
    variants.forEach(v => expect(chainHash(v, 1, GENESIS_HASH)).not.toBe(base))
    expect(chainHash(row, 2, GENESIS_HASH)).not.toBe(base)
    expect(chainHash(row, 1, 'f'.repeat(64))).not.toBe(base)
  })

  it('reads heads as SEQ:HASH, strictly, and finds the last one in a log', () => {
    const hash = 'a'.repeat(64)
    expect(parseChainHead(` 12:${hash}\n`)).toEqual({ seq: 12, hash })
    ;['', '12', `12:${hash}x`, `x:${hash}`, `12:${'A'.repeat(64)}`, `-1:${hash}`, `12: ${hash}`].forEach(text =>
      expect(parseChainHead(text)).toBeNull(),
    )
    expect(lastChainHeadIn(`{"auditChainHead":"3:${'b'.repeat(64)}"}\n{"auditChainHead":"4:${hash}"}\n`)).toEqual({
      seq: 4,
      hash,
    })
    expect(lastChainHeadIn('nothing here')).toBeNull()
  })

  it('walks a chain and names the first problem', () => {
    const walker = new ChainWalker()
    const first = { ...row, hash: chainHash(row, 1, GENESIS_HASH) }
    expect(walker.check(first)).toBeNull()
    const second = { ...row, id: '18', seq: '2', prevHash: first.hash }
    expect(walker.check({ ...second, hash: chainHash(second, 2, first.hash!) })).toBeNull()
    expect(walker.last.seq).toBe(2)
    expect(walker.check({ ...second, seq: '4', hash: 'x' })).toMatchObject({ kind: 'gap', expectedSeq: 3, seq: 4 })
    expect(new ChainWalker().check({ ...row, seq: null })).toEqual({ kind: 'unchained', id: '17' })
    expect(new ChainWalker().check({ ...row, hash: 'f'.repeat(64) })).toMatchObject({ kind: 'altered', seq: 1 })
    expect(new ChainWalker().check({ ...row, prevHash: 'f'.repeat(64), hash: 'x' })).toMatchObject({
      kind: 'broken_link',
    })
  })
})
