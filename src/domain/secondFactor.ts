import crypto from 'node:crypto'

/** How many recovery codes a person gets, each usable once. */
export const RECOVERY_CODE_COUNT = 10

// No 0/O, 1/I/L: a code is read off paper and typed.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const RECOVERY_GROUP = 5

/** A recovery code like `K7QMX-3HZRP`: 10 characters of a 31-letter alphabet, about 50 bits. */
export function newRecoveryCode(random: (size: number) => Buffer = crypto.randomBytes): string {
  const chars: string[] = []
  while (chars.length < RECOVERY_GROUP * 2) {
    for (const byte of random(16)) {
      // Rejection sampling keeps every letter equally likely.
      if (byte < 248 && chars.length < RECOVERY_GROUP * 2) chars.push(RECOVERY_ALPHABET[byte % 31])
    }
  }
  return `${chars.slice(0, RECOVERY_GROUP).join('')}-${chars.slice(RECOVERY_GROUP).join('')}`
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>()
  while (codes.size < count) codes.add(newRecoveryCode())
  return [...codes]
}

/** Only this is stored: the codes are random enough that a fast hash cannot be reversed by guessing. */
export function hashRecoveryCode(code: string): string {
  return crypto.createHash('sha256').update(`recovery\n${code}`).digest('hex')
}

export type SecondFactorInput = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string }

/**
 * What a person typed in the code box: six digits (spaces and dashes allowed, as apps show
 * `123 456`) or a recovery code in any case, with or without its dash. Anything else is null.
 */
export function readSecondFactorInput(raw: unknown): SecondFactorInput | null {
  if (typeof raw !== 'string' || raw.length > 40) return null
  const compact = raw.replace(/[\s-]/g, '').toUpperCase()
  if (/^\d{6}$/.test(compact)) return { kind: 'totp', code: compact }
  if (compact.length === RECOVERY_GROUP * 2 && [...compact].every(c => RECOVERY_ALPHABET.includes(c))) {
    return { kind: 'recovery', code: `${compact.slice(0, RECOVERY_GROUP)}-${compact.slice(RECOVERY_GROUP)}` }
  }
  return null
}

/** Shows a base32 secret in groups of four, as people type it into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim()
}
