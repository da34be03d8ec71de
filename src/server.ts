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

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    services.scheduledJobs.stop()
    services.auditHeadJob.stop()
    server.close(async () => {
      await sessions.close()
      await opened.close()
      process.exit(0)
    })
    // Connections kept alive by browsers would otherwise hold the process open.
    server.closeIdleConnections()
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch(error => {
  logger.fatal({ err: error }, 'the service could not start')
  process.stderr.write(`\nThe service could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
