/**
 * NHS numbers: 10 digits, the last a Modulus 11 check digit (NHS Data Dictionary, "NHS Number").
 * People type them with spaces ("943 476 5919"); they are stored as the bare 10 digits.
 */

/** Removes spaces (any whitespace) and hyphens; does not otherwise validate. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '')
}

/**
 * The check digit for the first nine digits, or null when there is none: a remainder giving 10
 * means no valid NHS number starts with those nine digits.
 */
export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError(`Expected 9 digits: ${JSON.stringify(firstNine)}`)
  let sum = 0
  for (let i = 0; i < 9; i += 1) sum += Number(firstNine[i]) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 11) return 0
  return check === 10 ? null : check
}

/** Exactly 10 digits (normalise first) with a valid Modulus 11 check digit. */
export function isValidNhsNumber(s: string): boolean {
  if (!/^\d{10}$/.test(s)) return false
  return nhsNumberCheckDigit(s.slice(0, 9)) === Number(s[9])
}

/** Display form "943 476 5919" (3-3-4, as NHS systems show it). */
export function formatNhsNumber(s: string): string {
  const digits = normaliseNhsNumber(s)
  if (!/^\d{10}$/.test(digits)) return s
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
}
