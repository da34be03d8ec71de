import pino from 'pino'
import config from './config'

/**
 * One logger for the app and the CLI. Redaction is a safety net: request bodies, cookies and
 * credentials are never passed to it in the first place (see middleware/setUpRequestLogging.ts).
 */
const logger = pino({
  level: config.logLevel,
  base: { service: 'cdop' },
  redact: {
    paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'body', '*.password'],
    censor: '[redacted]',
  },
})

export default logger
