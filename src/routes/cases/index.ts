import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import type { Services } from '../../services'
import CaseController from './caseController'
import ChangeStatusController from './changeStatusController'
import EditSectionController from './editSectionController'
import FamilyLetterController from './familyLetterController'
import ListCasesController from './listCasesController'
import MergeCasesController from './mergeCasesController'
import { loadCase } from './loadCase'
import NotifyCheckController from './notifyCheckController'
import NotifyController from './notifyController'
import { idParams } from '../params'

/** Identifiable case records: coordinators and administrators only. */
export default function caseRoutes({
  caseService,
  caseSearchService,
  caseMergeService,
  auditService,
  readinessService,
  agencyRequestService,
  jarEventService,
  familyLetterService,
}: Services): Router {
  const router = Router()
  router.use(paths.cases.list, requireCapability('viewCases'))
  idParams(router, { caseId: loadCase(caseService, caseMergeService), otherId: null })

  const list = new ListCasesController(caseSearchService, caseService, auditService)
  const notify = new NotifyController(caseService)
  const check = new NotifyCheckController(caseService)
  const show = new CaseController(caseService, readinessService, agencyRequestService, jarEventService)
  const edit = new EditSectionController(caseService)
  const status = new ChangeStatusController(caseService, readinessService)
  const merge = new MergeCasesController(caseService, caseMergeService)
  const familyLetter = new FamilyLetterController(familyLetterService)

  router.get(paths.cases.list, list.view)
  router.post(paths.cases.search, list.search)
  router.get(paths.cases.notify, notify.view)
  router.post(paths.cases.notify, notify.submit)
  router.post(paths.cases.notifyCancel, notify.cancel)
  router.get(paths.cases.notifyCheck, check.view)
  router.post(paths.cases.notifyCheck, check.submit)
  router.get(paths.cases.show.pattern, show.view)
  router.get(paths.cases.edit.pattern, edit.view)
  router.post(paths.cases.edit.pattern, edit.submit)
  router.get(paths.cases.status.pattern, status.view)
  router.post(paths.cases.status.pattern, status.submit)
  router.get(paths.cases.merge.pattern, merge.pick)
  router.post(paths.cases.merge.pattern, merge.find)
  router.get(paths.cases.mergeWith.pattern, merge.compare)
  router.post(paths.cases.mergeWith.pattern, merge.submit)
  router.get(paths.cases.familyLetter.pattern, familyLetter.view)
  router.post(paths.cases.familyLetter.pattern, familyLetter.submit)
  router.get(paths.cases.familyLetterPrint.pattern, familyLetter.print)
  router.post(paths.cases.familyQuestions.pattern, familyLetter.questions)
  return router
}
