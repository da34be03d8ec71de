import pino from 'pino'
import config from './config'
import { scrubTokens } from './logging/scrubTokens'

/**
 * One logger for the app and the CLI. Redaction is a safety net: request bodies, cookies and
 * credentials are never passed to it in the first place (see middleware/setUpRequestLogging.ts).
 */
/**
 * Database errors carry the statement's values and PostgreSQL's "Failing row contains (...)",
 * which can be a whole case record. Only what identifies the fault is kept.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubTokens(String(error)) }
  const e = error as Error & { code?: unknown; status?: unknown; parent?: { code?: unknown; constraint?: unknown } }
  return {
    type: e.name,
    message: e.name.startsWith('Sequelize') ? `${e.name} (details withheld from the log)` : scrubTokens(e.message),
    stack: e.stack
      ?.split('\n')
      .filter(line => !line.startsWith(e.name) && !line.startsWith('Error:'))
      .map(scrubTokens)
      .join('\n'),
    code: e.code ?? e.parent?.code,
    constraint: e.parent?.constraint,
    status: e.status,
  }
}

type Sink = (line: string) => void

const stdout = pino.destination({ dest: 1, sync: true })
let sink: Sink = line => stdout.write(line)

/**
 * Every line the logger writes, whoever wrote it (app, pino-http, a library's error), has its
 * tokens replaced here, on the finished JSON, just before it leaves the process.
 */
const scrubbingStream = { write: (line: string) => sink(scrubTokens(line)) }

/** For tests: where the (already scrubbed) lines go; returns a function that restores stdout. */
export function captureLogLines(capture: Sink): () => void {
  const previous = sink
  sink = capture
  return () => {
    sink = previous
  }
}

const logger = pino(
  {
    level: config.logLevel,
    serializers: { err: serializeError, error: serializeError },
    base: { service: 'cdop' },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'body', '*.password'],
      censor: '[redacted]',
    },
  },
  scrubbingStream,
)

export default logger
