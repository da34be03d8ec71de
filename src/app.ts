import path from 'node:path'
import express from 'express'
import createError from 'http-errors'
import type { Store } from 'express-session'
import { rootDir } from './config'
import createErrorHandler from './errorHandler'
import setUpAuthentication, { createAuthenticator } from './middleware/setUpAuthentication'
import setUpCsrf from './middleware/setUpCsrf'
import setUpCurrentUser from './middleware/setUpCurrentUser'
import setUpFormHygiene from './middleware/setUpFormHygiene'
import setUpHealthChecks from './middleware/setUpHealthChecks'
import setUpRequestId from './middleware/setUpRequestId'
import setUpRequestLogging from './middleware/setUpRequestLogging'
import setUpRequestParsing from './middleware/setUpRequestParsing'
import setUpStaticResources from './middleware/setUpStaticResources'
import setUpWebSecurity from './middleware/setUpWebSecurity'
import setUpWebSession from './middleware/setUpWebSession'
import routes from './routes'
import type { Services } from './services'
import { renderView } from './views/ejsEngine'
import { viewHelpers } from './views/viewHelpers'

export interface Infrastructure {
  sessionStore: Store
}

/** Composition only: every concern lives in its own setUp* router, in this order. */
export default function createApp(services: Services, { sessionStore }: Infrastructure): express.Application {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', services.config.trustProxy)
  app.set('views', [path.join(rootDir, 'views')])
  app.set('view engine', 'ejs')
  app.engine('ejs', renderView)
  // Express caches compiled templates only when NODE_ENV=production; the default `npm start` needs it as much.
  app.set('view cache', services.config.viewCache)
  Object.assign(app.locals, viewHelpers, { serviceName: 'Child death review service' })

  app.use(setUpHealthChecks(services.healthService))
  app.use(setUpRequestId())
  app.use(setUpRequestLogging())
  app.use(setUpWebSecurity(services.config.production))
  app.use(setUpRequestParsing())
  app.use(setUpStaticResources(services.config.production))
  app.use(setUpWebSession(services.config, sessionStore))
  const authenticator = createAuthenticator(services.userService, services.signInService)
  app.use(setUpAuthentication(authenticator, services.config.session.cookieName, services.config.production))
  app.use(
    setUpCsrf({
      secret: services.config.session.secret,
      secure: services.config.production,
      cookieName: `${services.config.session.cookieName}-csrf`,
    }),
  )
  app.use(setUpCurrentUser())
  app.use(setUpFormHygiene())
  app.use(routes(services, authenticator))
  app.use((_req, _res, next) => next(createError(404, 'Not found')))
  app.use(createErrorHandler(services.config.production))
  return app
}
