import createApp from './app'
import { openDatabase } from './bootstrap'
import config from './config'
import logger from './logger'
import { createSessionStore } from './middleware/sessionStore'
import paths from './paths'
import { createServices } from './services'

async function main(): Promise<void> {
  const opened = await openDatabase(config, message => logger.info(message))
  const services = createServices(opened.db, config)
  const sessions = createSessionStore(opened.url, { ssl: config.db.ssl })
  const app = createApp(services, { sessionStore: sessions.store })
  services.scheduledJobs.start() // reminders, e-mail retries, rate-limit pruning (safe with several instances)

  const server = app.listen(config.port, () => {
    console.log(`\nChild death review service is running at ${config.baseUrl}`)
  })

  const setupToken = await services.setupService.createSetupTokenIfNoUsers()
  if (setupToken) {
    console.log('\nNo accounts exist yet. To create the first administrator, open this one-time link')
    console.log(`(it works once and expires in ${config.setupLinkHours} hours):\n`)
    console.log(`  ${config.baseUrl}${paths.setupWithToken(setupToken)}\n`)
    console.log('Or create one from the command line: npm run cdop -- users:create --email … --name … --role admin\n')
  } else {
    console.log(`Sign in at ${config.baseUrl}${paths.signIn}\n`)
  }

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
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
  console.error(`\nThe service could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
