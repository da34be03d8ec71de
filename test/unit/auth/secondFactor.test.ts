import fc from 'fast-check'
import { base32Decode, base32Encode } from '../../../src/domain/base32'
import {
  groupSecret,
  hashRecoveryCode,
  newRecoveryCode,
  newRecoveryCodes,
  readSecondFactorInput,
  RECOVERY_CODE_COUNT,
} from '../../../src/domain/secondFactor'
import { accountDelaySeconds, decideAttempt } from '../../../src/domain/signInThrottle'

describe('recovery codes', () => {
  it('are ten different codes of two groups of five unambiguous letters and digits', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT)
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT)
    codes.forEach(code => expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/))
  })

  it('use every letter of the alphabet about equally (no modulo bias)', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 3000; i += 1)
      for (const c of newRecoveryCode().replace('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1)
    expect(counts.size).toBe(31)
    const values = [...counts.values()]
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.3)
  })

  it('are stored as a hash that differs from the code and from every other code', () => {
    const code = newRecoveryCode()
    expect(hashRecoveryCode(code)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashRecoveryCode(code)).not.toContain(code)
    expect(hashRecoveryCode(code)).toBe(hashRecoveryCode(code))
    expect(hashRecoveryCode(code)).not.toBe(hashRecoveryCode(newRecoveryCode()))
  })
})

describe('reading what was typed in the code box', () => {
  it('takes six digits with spaces or a dash, as apps show them', () => {
    expect(readSecondFactorInput('123456')).toEqual({ kind: 'totp', code: '123456' })
    expect(readSecondFactorInput(' 123 456 ')).toEqual({ kind: 'totp', code: '123456' })
    expect(readSecondFactorInput('123-456')).toEqual({ kind: 'totp', code: '123456' })
  })

  it('takes a recovery code in any case, with or without its dash', () => {
    expect(readSecondFactorInput('k7qmx3hzrp')).toEqual({ kind: 'recovery', code: 'K7QMX-3HZRP' })
    expect(readSecondFactorInput('K7QMX-3HZRP')).toEqual({ kind: 'recovery', code: 'K7QMX-3HZRP' })
  })

  it('refuses anything else, including letters a code never has, and never throws', () => {
    for (const bad of ['', '12345', '1234567', 'K7QMX-3HZR0', 'K7QMX-3HZRI', '<script>', 'x'.repeat(41)])
      expect(readSecondFactorInput(bad)).toBeNull()
    for (const bad of [undefined, null, 123456, ['123456'], { code: '123456' }])
      expect(readSecondFactorInput(bad)).toBeNull()
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), s => {
        const result = readSecondFactorInput(s)
        return result === null || /^\d{6}$|^[A-Z2-9]{5}-[A-Z2-9]{5}$/.test(result.code)
      }),
    )
  })

  it('groups a key in fours for typing by hand', () => {
    expect(groupSecret('ABCDEFGHIJKLMNOP')).toBe('ABCD EFGH IJKL MNOP')
  })
})

describe('base32 (RFC 4648)', () => {
  it('matches the RFC test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ]
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded)
      expect(Buffer.from(base32Decode(encoded)).toString()).toBe(plain)
    }
    expect(base32Encode(Buffer.from('f'), { padding: true })).toBe('MY======')
  })

  it('round-trips any bytes, and refuses letters outside the alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), bytes => {
        expect(Buffer.from(base32Decode(base32Encode(bytes)))).toEqual(Buffer.from(bytes))
      }),
    )
    expect(() => base32Decode('MZXW1')).toThrow()
  })
})

describe('sign-in throttle', () => {
  const limits = { maxFailures: 5, slowAfter: 10, maxDelaySeconds: 120 }
  const now = new Date('2026-12-01T12:00:00Z')
  const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000)

  it('does not slow an account below the threshold, then doubles the wait up to the maximum', () => {
    expect([0, 9, 10, 11, 12, 13, 16, 17, 40, 1e9].map(f => accountDelaySeconds(f, limits))).toEqual([
      0, 0, 1, 2, 4, 8, 64, 120, 120, 120,
    ])
    expect(accountDelaySeconds(Number.NaN, limits)).toBe(0)
  })

  it('locks the pair of account and address at the limit', () => {
    const input = { pairFailures: 5, accountFailures: 5, lastAccountFailureAt: secondsAgo(1), now, lockMinutes: 15 }
    expect(decideAttempt(input, limits)).toEqual({ allowed: false, reason: 'locked', retryAfterSeconds: 900 })
    expect(decideAttempt({ ...input, pairFailures: 4 }, limits)).toEqual({ allowed: true })
  })

  it('makes an attempt on a busy account wait only what is left of its delay', () => {
    const input = { pairFailures: 0, accountFailures: 14, lastAccountFailureAt: secondsAgo(10), now, lockMinutes: 15 }
    expect(decideAttempt(input, limits)).toEqual({ allowed: false, reason: 'slowed', retryAfterSeconds: 6 })
    expect(decideAttempt({ ...input, lastAccountFailureAt: secondsAgo(16) }, limits)).toEqual({ allowed: true })
  })

  it('never makes anyone wait longer than the maximum, however many failures', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(10_000), (failures, ago) => {
        const decision = decideAttempt(
          { pairFailures: 0, accountFailures: failures, lastAccountFailureAt: secondsAgo(ago), now, lockMinutes: 15 },
          limits,
        )
        return decision.allowed || decision.retryAfterSeconds <= limits.maxDelaySeconds
      }),
    )
  })
})
