import fc from 'fast-check'
import {
  hashLinkToken,
  isWellFormedLinkToken,
  newLinkToken,
  redactLinkTokens,
} from '../../../src/services/agencyRequests/linkToken'

describe('agency link tokens', () => {
  it('makes 32 random bytes as 43 characters of base64url, different every time', () => {
    const tokens = Array.from({ length: 200 }, newLinkToken)
    tokens.forEach(token => {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(token, 'base64url')).toHaveLength(32)
      expect(isWellFormedLinkToken(token)).toBe(true)
    })
    expect(new Set(tokens).size).toBe(tokens.length)
  })

  it('accepts any 32 bytes encoded the canonical way', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), bytes =>
        isWellFormedLinkToken(Buffer.from(bytes).toString('base64url')),
      ),
    )
  })

  it.each([
    ['too short', 'A'.repeat(42)],
    ['too long', 'A'.repeat(44)],
    ['padded', `${'A'.repeat(42)}=`],
    ['standard base64 characters', `${'A'.repeat(41)}+/`],
    ['a space', `${'A'.repeat(21)} ${'A'.repeat(21)}`],
    ['a last character no 32 bytes end with', `${'A'.repeat(42)}B`],
    ['empty', ''],
    ['a path', '../../etc/passwd'],
  ])('refuses a token that is %s', (_what, token) => {
    expect(isWellFormedLinkToken(token)).toBe(false)
  })

  it('refuses anything that is not a string', () => {
    ;[undefined, null, 42, ['x'], { token: 'x' }].forEach(value => expect(isWellFormedLinkToken(value)).toBe(false))
  })

  it('stores a SHA-256 hash in hex, the same for the same token and different for another', () => {
    const token = newLinkToken()
    expect(hashLinkToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashLinkToken(token)).toBe(hashLinkToken(token))
    expect(hashLinkToken(token)).not.toBe(hashLinkToken(newLinkToken()))
    expect(hashLinkToken(token)).not.toContain(token)
  })

  it('takes links out of a text once it is sent', () => {
    const token = newLinkToken()
    const text = `Open https://cdop.example.org/agency/${token} before Friday.`
    expect(redactLinkTokens(text)).toBe('Open https://cdop.example.org/agency/[link removed] before Friday.')
  })
})
