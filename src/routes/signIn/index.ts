import { Router } from 'express'
import type passport from 'passport'
import type { Services } from '../../services'
import paths from '../../paths'
import SignInController from './signInController'
import SignOutController from './signOutController'

export default function signInRoutes(services: Services, authenticator: passport.PassportStatic): Router {
  const router = Router()
  const signIn = new SignInController(authenticator)
  const signOut = new SignOutController(services.auditService, services.config.session.cookieName)
  router.get(paths.signIn, signIn.view)
  router.post(paths.signIn, signIn.submit)
  router.post(paths.signOut, signOut.submit)
  return router
}
