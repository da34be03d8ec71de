import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import type { Services } from '../../services'
import { loadCase } from '../cases/loadCase'
import CloseRequestController from './closeRequestController'
import ListRequestsController from './listRequestsController'
import { loadRequest } from './loadRequest'
import NewRequestController from './newRequestController'
import PaperReportController from './paperReportController'
import RequestController from './requestController'
import { idParams } from '../params'

/** Requests for information from agencies, from a case: coordinators and administrators only. */
export default function agencyRequestRoutes({ caseService, caseMergeService, agencyRequestService }: Services): Router {
  const router = Router()
  // A pattern without named parameters, so the role check runs before the case is even looked up.
  router.use(/^\/cases\/[^/]+\/requests(?:\/|$)/, requireCapability('manageAgencyRequests'))
  idParams(router, { caseId: loadCase(caseService, caseMergeService), requestId: loadRequest(agencyRequestService) })

  const list = new ListRequestsController(agencyRequestService)
  const create = new NewRequestController(agencyRequestService)
  const show = new RequestController(agencyRequestService)
  const close = new CloseRequestController(agencyRequestService)
  const paper = new PaperReportController(agencyRequestService)

  router.get(paths.agencyRequests.list.pattern, list.view)
  router.get(paths.agencyRequests.new.pattern, create.view)
  router.post(paths.agencyRequests.new.pattern, create.submit)
  router.get(paths.agencyRequests.show.pattern, show.view)
  router.post(paths.agencyRequests.revokeLink.pattern, show.revokeLink)
  router.post(paths.agencyRequests.newLink.pattern, show.newLink)
  router.get(paths.agencyRequests.paper.pattern, paper.view)
  router.post(paths.agencyRequests.paper.pattern, paper.submit)
  router.get(paths.agencyRequests.close.pattern, close.view)
  router.post(paths.agencyRequests.close.pattern, close.submit)
  return router
}
