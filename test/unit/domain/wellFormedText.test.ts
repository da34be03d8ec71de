import fc from 'fast-check'
import { truncate, wellFormed, wellFormedJson } from '../../../src/domain/wellFormedText'

const isWellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)

describe('well-formed text', () => {
  it('replaces lone surrogates and leaves pairs and everything else alone', () => {
    expect(wellFormed('a\uD835b')).toBe('a\uFFFDb')
    expect(wellFormed('a\uDC18')).toBe('a\uFFFD')
    expect(wellFormed('𝔘𝔫𝔦')).toBe('𝔘𝔫𝔦')
    expect(wellFormed('\uDC18\uD835')).toBe('\uFFFD\uFFFD') // the wrong way round is two lone halves
  })

  it('cuts text to a length without splitting a pair', () => {
    expect(truncate('𝔘𝔫𝔦', 5)).toBe('𝔘𝔫')
    expect(truncate('𝔘𝔫𝔦', 4)).toBe('𝔘𝔫')
    expect(truncate('abc', 5)).toBe('abc')
    expect(truncate('ab𝔘', 3)).toBe('ab')
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(50), (text, length) => {
        const cut = truncate(text, length)
        // As long as it can be, at most one unit short (the half of a pair it would have split).
        expect(cut.length).toBeLessThanOrEqual(length)
        expect(cut.length).toBeGreaterThanOrEqual(Math.min(text.length, length) - 1)
        expect(text.startsWith(cut)).toBe(true)
        expect(isWellFormed(cut)).toBe(true)
      }),
    )
  })

  it('writes JSON PostgreSQL accepts: no escaped lone surrogate survives, at any depth', () => {
    const json = wellFormedJson({ raw: { day: '𝔘𝔫'.slice(0, 3) }, list: ['\uDC00'] })
    expect(json).not.toMatch(/\\ud[89ab]/i)
    expect(JSON.parse(json)).toEqual({ raw: { day: '𝔘\uFFFD' }, list: ['\uFFFD'] })
  })
})
