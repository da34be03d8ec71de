import { ConnectionError } from 'sequelize'

// PostgreSQL's "the server is going away or not there" codes: admin shutdown, crash shutdown,
// cannot connect now (starting or stopping), connection exceptions, too many connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300'])
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
])
const UNAVAILABLE_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|is not currently accepting connections/i

/**
 * True when an error means "the database cannot be reached right now" (stopped, restarting,
 * failing over, refusing connections) rather than a fault in the request or the code: the
 * answer is then 503 and the request can be tried again. Sequelize and express-session wrap the
 * driver's error, so the chain (`parent`, `original`, `cause`) is followed.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false
  if (error instanceof ConnectionError) return true
  const e = error as { code?: unknown; message?: unknown; parent?: unknown; original?: unknown; cause?: unknown }
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code)))
    return true
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true
  return [e.parent, e.original, e.cause].some(inner => inner !== error && isDatabaseUnavailable(inner, depth + 1))
}
