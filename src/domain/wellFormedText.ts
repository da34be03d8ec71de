/**
 * JavaScript strings are UTF-16, so a character outside the Basic Multilingual Plane (𝔘, most
 * emoji) is two code units, a surrogate pair. Cutting a string between the two leaves a lone
 * surrogate, which JSON.stringify writes as an escape (`\ud835`) that PostgreSQL's json and jsonb
 * refuse: the whole row, a session or an audit entry, fails to save.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** `text` with each lone surrogate replaced by U+FFFD, the replacement character (what String#toWellFormed does). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD')
}

/** At most `length` code units of `text`, never cutting a surrogate pair in two. */
export function truncate(text: string, length: number): string {
  if (text.length <= length) return text
  const end = /[\uD800-\uDBFF]/.test(text.charAt(length - 1)) ? length - 1 : length
  return text.slice(0, Math.max(0, end))
}

/** JSON text of `value` in which every string is well formed, for a json or jsonb column. */
export function wellFormedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? wellFormed(item) : item))
}
