import crypto from 'node:crypto'
import fc from 'fast-check'
import { scrubTokens, TOKEN_MARK } from '../../../src/logging/scrubTokens'

const token = () => crypto.randomBytes(32).toString('base64url')

describe('tokens are replaced in log text', () => {
  it('replaces the segment after every link prefix, now and to come', () => {
    for (const prefix of [
      'agency',
      'setup',
      'invitations',
      'invitation',
      'invite',
      'reset-password',
      'reset',
      'accept',
    ]) {
      const secret = token()
      const line = `{"req":{"path":"/${prefix}/${secret}/confirm"},"msg":"GET /${prefix}/${secret}?x=1"}`
      const scrubbed = scrubTokens(line)
      expect(scrubbed).not.toContain(secret)
      expect(scrubbed).toContain(`/${prefix}/${TOKEN_MARK}/confirm`)
    }
    // Short or oddly made tokens after a prefix go too: the prefix decides, not the shape.
    expect(scrubTokens('/setup/abc')).toBe(`/setup/${TOKEN_MARK}`)
  })

  it('replaces token-like runs anywhere, but keeps record ids, request ids and hashes', () => {
    const secret = token()
    expect(scrubTokens(`invalid link ${secret} used`)).toBe(`invalid link ${TOKEN_MARK} used`)
    const id = crypto.randomUUID()
    const hash = crypto.createHash('sha256').update('x').digest('hex')
    expect(scrubTokens(`/cases/${id}/review ${hash}`)).toBe(`/cases/${id}/review ${hash}`)
    expect(scrubTokens('/meetings/new')).toBe('/meetings/new')
  })

  it('never lets any random token through, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 64 }), fc.string(), fc.string(), (bytes, before, after) => {
        const secret = Buffer.from(bytes).toString('base64url')
        fc.pre(!/^[0-9a-f]+$/i.test(secret))
        const scrubbed = scrubTokens(`${before} /agency/${secret} ${secret}${after.startsWith('-') ? '' : after}`)
        expect(scrubbed).not.toContain(secret)
      }),
      { numRuns: 300 },
    )
  })
})
