import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import { loadCase } from '../cases/loadCase'
import CloseRequestController from './closeRequestController'
import ListRequestsController from './listRequestsController'
import { loadRequest } from './loadRequest'
import NewRequestController from './newRequestController'
import PaperReportController from './paperReportController'
import RequestController from './requestController'

/** Requests for information from agencies, from a case: coordinators and administrators only. */
export default function agencyRequestRoutes({ caseService, caseMergeService, agencyRequestService }: Services): Router {
  const router = Router()
  // A pattern without named parameters, so the role check runs before the case is even looked up.
  router.use(/^\/cases\/[^/]+\/requests(?:\/|$)/, requireRole('coordinator', 'admin'))
  router.param('caseId', loadCase(caseService, caseMergeService))
  router.param('requestId', loadRequest(agencyRequestService))

  const list = new ListRequestsController(agencyRequestService)
  const create = new NewRequestController(agencyRequestService)
  const show = new RequestController(agencyRequestService)
  const close = new CloseRequestController(agencyRequestService)
  const paper = new PaperReportController(agencyRequestService)

  router.get('/cases/:caseId/requests', list.view)
  router.get('/cases/:caseId/requests/new', create.view)
  router.post('/cases/:caseId/requests/new', create.submit)
  router.get('/cases/:caseId/requests/:requestId', show.view)
  router.post('/cases/:caseId/requests/:requestId/revoke-link', show.revokeLink)
  router.post('/cases/:caseId/requests/:requestId/new-link', show.newLink)
  router.get('/cases/:caseId/requests/:requestId/paper', paper.view)
  router.post('/cases/:caseId/requests/:requestId/paper', paper.submit)
  router.get('/cases/:caseId/requests/:requestId/:outcome', close.view)
  router.post('/cases/:caseId/requests/:requestId/:outcome', close.submit)
  return router
}
