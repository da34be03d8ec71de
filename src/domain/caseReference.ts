/**
 * Case references assigned by the service: "CDOP-2026-0001" (year, then a sequence padded to 4
 * digits that may grow longer). Imported cases keep their own references, which need not parse.
 */

export interface CaseRef {
  year: number
  seq: number
}

const CASE_REF = /^CDOP-(\d{4})-(\d{4,9})$/

export function formatCaseRef(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`Case reference year must have 4 digits: ${year}`)
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 999_999_999) {
    throw new RangeError(`Case reference sequence must be a whole number from 1 to 999999999: ${seq}`)
  }
  return `CDOP-${year}-${String(seq).padStart(4, '0')}`
}

/** The year and sequence of a service-assigned reference; null for anything not in canonical form. */
export function parseCaseRef(ref: string): CaseRef | null {
  const match = CASE_REF.exec(ref)
  if (!match) return null
  const year = Number(match[1])
  const seq = Number(match[2])
  // Only the canonical spelling parses ("CDOP-2026-00001" does not), so a reference has one form.
  if (year < 1000 || seq < 1 || formatCaseRef(year, seq) !== ref) return null
  return { year, seq }
}
