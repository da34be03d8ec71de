import fc from 'fast-check'
import { formatCaseRef, parseCaseRef } from '../../../src/domain/caseReference'

describe('formatCaseRef', () => {
  it.each([
    [2026, 1, 'CDOP-2026-0001'],
    [2024, 17, 'CDOP-2024-0017'],
    [2024, 999, 'CDOP-2024-0999'],
    [2024, 9999, 'CDOP-2024-9999'],
    [2024, 10000, 'CDOP-2024-10000'],
    [2024, 123456, 'CDOP-2024-123456'],
  ])('%i, %i → %s', (year, seq, ref) => {
    expect(formatCaseRef(year, seq)).toBe(ref)
  })

  it.each([
    [999, 1],
    [10000, 1],
    [2024.5, 1],
    [2024, 0],
    [2024, -1],
    [2024, 1.5],
    [2024, 1_000_000_000],
    [2024, Number.NaN],
  ])('refuses year %d, sequence %d', (year, seq) => {
    expect(() => formatCaseRef(year, seq)).toThrow(RangeError)
  })
})

describe('parseCaseRef', () => {
  it('reads service-assigned references', () => {
    expect(parseCaseRef('CDOP-2026-0001')).toEqual({ year: 2026, seq: 1 })
    expect(parseCaseRef('CDOP-2024-0017')).toEqual({ year: 2024, seq: 17 })
    expect(parseCaseRef('CDOP-2024-12345')).toEqual({ year: 2024, seq: 12345 })
  })

  it.each([
    'CDOP-2026-001',
    'CDOP-2026-00001',
    'CDOP-2026-0000',
    'CDOP-26-0001',
    'CDOP-0999-0001',
    'cdop-2026-0001',
    ' CDOP-2026-0001',
    'CDOP-2026-0001 ',
    'CDOP 2026 0001',
    'CDOP-2026-1234567890',
    'LEEDS/2019/42',
    '',
  ])('returns null for %j', ref => {
    expect(parseCaseRef(ref)).toBeNull()
  })

  it('round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 999_999_999 }), (year, seq) => {
        expect(parseCaseRef(formatCaseRef(year, seq))).toEqual({ year, seq })
      }),
    )
  })
})
