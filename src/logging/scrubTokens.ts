/**
 * One-time link tokens (agency links, first-run setup, invitations, password resets) are
 * credentials. Every log line goes through this function, whatever wrote it: the request
 * serializer, the error serializer, and the logger's output stream itself.
 *
 * Two rules, so links added later are covered without a change here:
 * - the path segment after a known link prefix (`/agency/…`, `/setup/…`, `/invitation(s)/…`,
 *   `/invite/…`, `/reset…/…`, `/password-reset/…`, `/accept/…`, `/token/…`) is replaced whatever it looks like;
 * - anywhere else, a run of 32 or more URL-safe base64 characters (a random token or a session id)
 *   is replaced, unless it is a UUID (record ids, request ids) or hexadecimal (hashes, audit chain heads).
 */
const LINK_PREFIX =
  /(\/(?:agency|setup|invitations?|invite|reset[\w-]*|password-reset|accept|tokens?)\/)(?!\[token\])[^/?#\s"'\\]+/gi
const TOKEN_LIKE = /(?<![\w-])[A-Za-z0-9_-]{32,}(?![\w-])/g
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const HEX = /^[0-9a-f]+$/i

export const TOKEN_MARK = '[token]'

export function scrubTokens(text: string): string {
  return text
    .replace(LINK_PREFIX, `$1${TOKEN_MARK}`)
    .replace(TOKEN_LIKE, run => (UUID.test(run) || HEX.test(run) ? run : TOKEN_MARK))
}
