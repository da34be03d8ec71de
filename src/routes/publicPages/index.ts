import { Router } from 'express'
import { buildDataDictionary } from '../../dataDictionary/buildDataDictionary'
import { currentSchemaVersion, schemaVersions } from '../../dataDictionary/schemaVersions'
import paths from '../../paths'

/** Accessibility statement, cookies, privacy notice and the data dictionary: open to everyone, signed in or not. */
export default function publicPageRoutes(): Router {
  const router = Router()
  router.get(paths.accessibility, (_req, res) => res.render('pages/public/accessibility'))
  router.get(paths.cookies, (_req, res) => res.render('pages/public/cookies'))
  router.get(paths.privacy, (_req, res) => res.render('pages/public/privacy'))
  // Built once: the dictionary comes from code, so it cannot change while the process runs.
  const dictionary = { tables: buildDataDictionary(), version: currentSchemaVersion(), versions: schemaVersions }
  router.get(paths.dataDictionary, (_req, res) => res.render('pages/public/data-dictionary', dictionary))
  return router
}
