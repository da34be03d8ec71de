import { Router } from 'express'
import session, { Store } from 'express-session'
import type { Config } from '../config'

/**
 * Sessions live in PostgreSQL (connect-pg-simple, table made by a migration) so any instance can
 * serve any request. The cookie expires after the idle timeout, renewed on every request (rolling).
 */
export default function setUpWebSession(config: Config, store: Store): Router {
  const router = Router()
  router.use(
    session({
      name: config.session.cookieName,
      secret: config.session.secret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.production,
        maxAge: config.session.idleMinutes * 60_000,
      },
    }),
  )
  return router
}
