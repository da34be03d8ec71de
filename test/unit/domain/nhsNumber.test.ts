import fc from 'fast-check'
import {
  formatNhsNumber,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  normaliseNhsNumber,
} from '../../../src/domain/nhsNumber'

/** Nine digits that have a check digit, with that check digit appended. */
const validNhsNumberArb = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
  .map(ds => ds.join(''))
  .filter(first => nhsNumberCheckDigit(first) !== null)
  .map(first => `${first}${nhsNumberCheckDigit(first)}`)

describe('normaliseNhsNumber', () => {
  it.each([
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    [' 9434765919 ', '9434765919'],
    ['943  476\t5919', '9434765919'],
    ['9434765919', '9434765919'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseNhsNumber(input)).toBe(expected)
  })

  it('leaves other characters for validation to refuse', () => {
    expect(normaliseNhsNumber('943.476.5919')).toBe('943.476.5919')
  })
})

describe('nhsNumberCheckDigit', () => {
  it('computes Modulus 11 check digits', () => {
    expect(nhsNumberCheckDigit('943476591')).toBe(9)
    expect(nhsNumberCheckDigit('943476587')).toBe(0) // remainder 0 → 11 → check digit 0
    expect(nhsNumberCheckDigit('401023213')).toBe(7)
  })

  it('has no check digit when 11 minus the remainder is 10', () => {
    // 3 × weight 4 = 12; 12 mod 11 = 1; 11 − 1 = 10, which is not a digit.
    expect(nhsNumberCheckDigit('000000300')).toBeNull()
  })

  it('requires exactly nine digits', () => {
    expect(() => nhsNumberCheckDigit('94347659')).toThrow(RangeError)
    expect(() => nhsNumberCheckDigit('9434765919')).toThrow(RangeError)
    expect(() => nhsNumberCheckDigit('94347659x')).toThrow(RangeError)
  })
})

describe('isValidNhsNumber', () => {
  it.each(['9434765919', '9434765870', '4010232137', '9000000009', '0000000000'])('accepts %s', s => {
    expect(isValidNhsNumber(s)).toBe(true)
  })

  it.each([
    ['9434765918', 'wrong check digit'],
    ['9434765910', 'wrong check digit'],
    ['4010232138', 'wrong check digit'],
    ['0000003001', 'check digit would be 10'],
    ['0000003000', 'check digit would be 10'],
    ['943476591', '9 digits'],
    ['94347659190', '11 digits'],
    ['943476591X', 'letter'],
    ['94347A5919', 'letter'],
    ['943 476 5919', 'not normalised'],
    ['', 'empty'],
    ['９４３４７６５９１９', 'full-width digits'],
  ])('refuses %j (%s)', s => {
    expect(isValidNhsNumber(s)).toBe(false)
  })

  it('accepts a normalised number typed with spaces', () => {
    expect(isValidNhsNumber(normaliseNhsNumber('943 476 5919'))).toBe(true)
  })

  it('accepts every number with a correct check digit', () => {
    fc.assert(fc.property(validNhsNumberArb, s => expect(isValidNhsNumber(s)).toBe(true)))
  })

  it('refuses any single-digit change to a valid number', () => {
    fc.assert(
      fc.property(validNhsNumberArb, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (s, i, delta) => {
        const changed = s.slice(0, i) + String((Number(s[i]) + delta) % 10) + s.slice(i + 1)
        expect(changed).not.toBe(s)
        expect(isValidNhsNumber(changed)).toBe(false)
      }),
    )
  })

  it('refuses any swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(validNhsNumberArb, fc.integer({ min: 0, max: 8 }), (s, i) => {
        fc.pre(s[i] !== s[i + 1])
        const swapped = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2)
        expect(isValidNhsNumber(swapped)).toBe(false)
      }),
    )
  })
})

describe('formatNhsNumber', () => {
  it('shows numbers as 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919')
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919')
  })

  it('leaves anything else as it is', () => {
    expect(formatNhsNumber('12345')).toBe('12345')
    expect(formatNhsNumber('')).toBe('')
  })
})
