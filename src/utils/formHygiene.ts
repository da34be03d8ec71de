import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Characters no one types on purpose and PostgreSQL may refuse (NUL in text and jsonb): the C0
 * controls except tab, new line and carriage return, DEL, the C1 controls, and the invisible
 * direction overrides used to disguise text ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
export const UNUSUAL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

export const UNUSUAL_CHARACTERS_MESSAGE =
  'Remove the unusual characters (such as invisible control characters) from this answer'

// Passwords are never stored as typed (only their hash), and a password must mean what was typed.
const UNTOUCHED = /password|^_csrf$/i

export function hasUnusualCharacters(value: string): boolean {
  UNUSUAL_CHARACTERS.lastIndex = 0
  return UNUSUAL_CHARACTERS.test(value)
}

/**
 * Removes unusual characters from every value of a parsed form (strings and lists of strings,
 * keys too), in place, and returns the names of the fields that had any. Runs once per request,
 * before any handler reads the form, so nothing downstream can store them.
 */
/* eslint-disable no-param-reassign -- cleaning the parsed body in place is the point: no handler sees the original */
export function cleanFormBody(body: Record<string, unknown>): string[] {
  const flagged: string[] = []
  const clean = (value: string) => value.replace(UNUSUAL_CHARACTERS, '')
  for (const key of Object.keys(body)) {
    const value = body[key]
    const name = clean(key)
    if (UNTOUCHED.test(name) && name === key) continue
    let changed = name !== key
    let cleaned: unknown = value
    if (typeof value === 'string') {
      cleaned = clean(value)
      changed ||= cleaned !== value
    } else if (Array.isArray(value)) {
      cleaned = value.map(item => (typeof item === 'string' ? clean(item) : item))
      changed ||= (cleaned as unknown[]).some((item, i) => item !== value[i])
    }
    if (!changed) continue
    if (name !== key) delete body[key]
    body[name] = cleaned
    flagged.push(name)
  }
  return flagged
}
/* eslint-enable no-param-reassign */

const flaggedFields = new AsyncLocalStorage<readonly string[]>()

/** Runs the rest of the request knowing which fields had unusual characters removed. */
export function withFlaggedFields<T>(fields: readonly string[], work: () => T): T {
  return flaggedFields.run(fields, work)
}

/** The fields of the form being handled that had unusual characters (none outside a request). */
export function fieldsWithUnusualCharacters(): readonly string[] {
  return flaggedFields.getStore() ?? []
}
