import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
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
  router.use('/cases', requireRole('coordinator', 'admin'))
  router.param('caseId', loadCase(caseService, caseMergeService))

  const list = new ListCasesController(caseSearchService, caseService, auditService)
  const notify = new NotifyController(caseService)
  const check = new NotifyCheckController(caseService)
  const show = new CaseController(caseService, readinessService, agencyRequestService, jarEventService)
  const edit = new EditSectionController(caseService)
  const status = new ChangeStatusController(caseService, readinessService)
  const merge = new MergeCasesController(caseService, caseMergeService)
  const familyLetter = new FamilyLetterController(familyLetterService)

  router.get('/cases', list.view)
  router.post('/cases/search', list.search)
  router.get('/cases/notify', notify.view)
  router.post('/cases/notify', notify.submit)
  router.post('/cases/notify/cancel', notify.cancel)
  router.get('/cases/notify/check', check.view)
  router.post('/cases/notify/check', check.submit)
  router.get('/cases/:caseId', show.view)
  router.get('/cases/:caseId/edit/:section', edit.view)
  router.post('/cases/:caseId/edit/:section', edit.submit)
  router.get('/cases/:caseId/status', status.view)
  router.post('/cases/:caseId/status', status.submit)
  router.get('/cases/:caseId/merge', merge.pick)
  router.post('/cases/:caseId/merge', merge.find)
  router.get('/cases/:caseId/merge/:otherId', merge.compare)
  router.post('/cases/:caseId/merge/:otherId', merge.submit)
  router.get('/cases/:caseId/family-letter', familyLetter.view)
  router.post('/cases/:caseId/family-letter', familyLetter.submit)
  router.get('/cases/:caseId/family-letter/print', familyLetter.print)
  router.post('/cases/:caseId/family-questions', familyLetter.questions)
  return router
}
