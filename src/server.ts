import type { ServerResponse } from 'node:http'
import createApp from './app'
import { openDatabase } from './bootstrap'
import config from './config'
import logger from './logger'
import { createSessionStore } from './middleware/sessionStore'
import { createServices } from './services'
import { startupMessage } from './startupMessage'

async function main(): Promise<void> {
  const opened = await openDatabase(config, message => logger.info(message))
  const services = createServices(opened.db, config)
  const sessions = createSessionStore(opened.url, { ssl: config.db.ssl })
  const app = createApp(services, { sessionStore: sessions.store })
  services.scheduledJobs.start() // reminders, e-mail retries, rate-limit pruning (safe with several instances)
  services.auditHeadJob.start() // the audit chain head in the log, at start and hourly

  const server = app.listen(config.port)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const setupToken = await services.setupService.createSetupTokenIfNoUsers()
  process.stdout.write(startupMessage({ baseUrl: config.baseUrl, setupToken, setupLinkHours: config.setupLinkHours }))

  // Responses not yet sent, so a shutdown can ask their browsers not to keep the connection open.
  const inFlight = new Set<ServerResponse>()
  let stopping = false
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res)
    if (stopping) res.setHeader('Connection', 'close')
    res.once('close', () => inFlight.delete(res))
  })

  /**
   * Graceful shutdown (SIGTERM from an orchestrator, SIGINT from a terminal): stop accepting
   * connections, let the requests in flight finish, then close both database pools. A request
   * that outlives the timeout is abandoned and the process exits 1 so the cause is visible.
   */
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal, inFlight: inFlight.size }, 'shutting down: finishing requests in flight')
    services.scheduledJobs.stop()
    services.auditHeadJob.stop()
    inFlight.forEach(res => {
      if (!res.headersSent) res.setHeader('Connection', 'close')
    })
    const forced = setTimeout(() => {
      logger.error({ inFlight: inFlight.size }, 'shutdown timed out: requests still in flight were abandoned')
      process.exit(1)
    }, config.shutdownTimeoutMs)
    forced.unref()
    // Keep-alive connections that finish their last request become idle: close them as they do.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100)
    server.close(() => {
      clearInterval(idleSweep)
      Promise.all([sessions.close(), opened.close()])
        .then(() => {
          logger.info('shutdown complete: requests finished, database pools closed')
          process.exit(0)
        })
        .catch(error => {
          logger.error({ err: error }, 'shutdown: closing the database pools failed')
          process.exit(1)
        })
    })
    server.closeIdleConnections()
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch(error => {
  logger.fatal({ err: error }, 'the service could not start')
  process.stderr.write(`\nThe service could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
