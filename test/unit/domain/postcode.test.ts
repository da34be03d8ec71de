import { isValidPostcode, normalisePostcode } from '../../../src/domain/postcode'

describe('normalisePostcode', () => {
  it.each([
    // Every outward code shape: A9, A99, AA9, AA99, A9A, AA9A.
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['SW1A 2AA', 'SW1A 2AA'],
    ['LS1 4AP', 'LS1 4AP'],
    // Normalisation: case, missing or extra spaces.
    ['sw1a 2aa', 'SW1A 2AA'],
    ['sw1a2aa', 'SW1A 2AA'],
    ['  SW1A   2AA  ', 'SW1A 2AA'],
    ['S W 1 A 2 A A', 'SW1A 2AA'],
    ['sw1a\t2aa', 'SW1A 2AA'],
    ['m11ae', 'M1 1AE'],
    ['Ls14aP', 'LS1 4AP'],
    // Special case.
    ['GIR 0AA', 'GIR 0AA'],
    ['gir0aa', 'GIR 0AA'],
  ])('%j → %j', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected)
    expect(isValidPostcode(input)).toBe(true)
  })

  it.each([
    ['', 'empty'],
    ['SW1A', 'outward code only'],
    ['2AA', 'inward code only'],
    ['SW1A 2A', 'inward code too short'],
    ['SW1A 2AAA', 'too long'],
    ['SW1AA 2AA', 'outward code too long'],
    ['1W1A 2AA', 'starts with a digit'],
    ['SW1A AAA', 'inward code starts with a letter'],
    ['SW1A 22A', 'inward code has two digits'],
    ['QA1 1AA', 'Q never first'],
    ['VA1 1AA', 'V never first'],
    ['XA1 1AA', 'X never first'],
    ['AI1 1AA', 'I never second'],
    ['AJ1 1AA', 'J never second'],
    ['AZ1 1AA', 'Z never second'],
    ['SW1A 2CA', 'C never in the inward code'],
    ['SW1A 2AI', 'I never in the inward code'],
    ['SW1A 2AK', 'K never in the inward code'],
    ['SW1A 2MA', 'M never in the inward code'],
    ['SW1A 2AO', 'O never in the inward code'],
    ['SW1A 2VA', 'V never in the inward code'],
    ['W1I 0AX', 'I never third in A9A'],
    ['EC1C 1BB', 'C never fourth in AA9A'],
    ['SW1A-2AA', 'hyphen'],
    ['SW1A 2A@', 'symbol'],
    ['GIR 0AB', 'not the GIR special case'],
    ['not a postcode', 'words'],
  ])('refuses %j (%s)', input => {
    expect(normalisePostcode(input)).toBeNull()
    expect(isValidPostcode(input)).toBe(false)
  })

  it('is idempotent', () => {
    for (const p of ['sw1a2aa', 'M1 1AE', 'gir 0aa', 'dn551pt']) {
      const once = normalisePostcode(p)
      expect(once).not.toBeNull()
      expect(normalisePostcode(once!)).toBe(once)
    }
  })
})
