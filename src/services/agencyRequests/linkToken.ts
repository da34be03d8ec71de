import crypto from 'node:crypto'

/** 32 random bytes: 256 bits, far beyond guessing however many requests are made. */
export const LINK_TOKEN_BYTES = 32

// 32 bytes in unpadded base64url are exactly 43 characters of this alphabet.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

export function newLinkToken(): string {
  return crypto.randomBytes(LINK_TOKEN_BYTES).toString('base64url')
}

/**
 * True only for a token the service could have made: the right length and alphabet, and the
 * canonical encoding of 32 bytes (the last character carries 4 bits, so most letters cannot end one).
 * Anything else is a tampered or mistyped link, refused before any database lookup.
 */
export function isWellFormedLinkToken(token: unknown): token is string {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return false
  const bytes = Buffer.from(token, 'base64url')
  return bytes.length === LINK_TOKEN_BYTES && bytes.toString('base64url') === token
}

/**
 * What the request stores and looks up. The token itself is kept only inside an e-mail still in the
 * outbox (to be sent, or, with no mail server, to be passed on by the coordinator), and is removed
 * from it once sent, replaced, used or closed.
 */
export function hashLinkToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Replaces agency link tokens in a text (an e-mail body, an error message) once it no longer needs them. */
export function redactLinkTokens(text: string): string {
  return text.replace(/\/agency\/[A-Za-z0-9_-]{20,}/g, '/agency/[link removed]')
}
