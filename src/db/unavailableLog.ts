import logger, { serializeError } from '../logger'
import { rateLimitedLog } from '../logging/rateLimitedLog'

let lastError: unknown
const log = rateLimitedLog(60_000, suppressed =>
  logger.error(
    { err: serializeError(lastError), suppressedSinceLastLine: suppressed },
    'the database is unavailable: answering 503 until it returns',
  ),
)

/** One line a minute at most, however many requests and pooled connections meet the outage. */
export function logDatabaseUnavailable(error: unknown): void {
  lastError = error
  log()
}
