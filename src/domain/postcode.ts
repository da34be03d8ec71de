/**
 * UK postcodes: validated against the format in the government data standard (BS 7666), which
 * knows which letters can appear in each position, and normalised to upper case with one space
 * before the three-character inward code ("sw1a1aa" → "SW1A 1AA").
 */

// Outward code (A9, A99, AA9, AA99, A9A, AA9A) then inward code (9AA); GIR 0AA is a historic special case.
const POSTCODE =
  /^(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?|[0-9][A-HJKPS-UW]) [0-9][ABD-HJLNP-UW-Z]{2})$/

/** The normalised postcode, or null when the input is not in UK postcode format. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase()
  // Shortest is A9 9AA (5), longest AA9A 9AA (7); checking first keeps junk away from the pattern.
  if (compact.length < 5 || compact.length > 7) return null
  const spaced = `${compact.slice(0, -3)} ${compact.slice(-3)}`
  return POSTCODE.test(spaced) ? spaced : null
}

export function isValidPostcode(input: string): boolean {
  return normalisePostcode(input) !== null
}
