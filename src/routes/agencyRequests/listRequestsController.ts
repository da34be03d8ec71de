import { Request, Response } from 'express'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import { loadedCase } from '../cases/loadCase'
import { requestRow } from '../../presenters/requestRows'

/** Every request for information of a case, with its status. */
export default class ListRequestsController {
  constructor(private readonly agencyRequestService: AgencyRequestService) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const requests = await this.agencyRequestService.listForCase(record.id)
    const today = this.agencyRequestService.today()
    const now = this.agencyRequestService.instant()
    res.render('pages/agency-requests/list', {
      record,
      rows: requests.map(request => requestRow(request, today, now)),
      canRequest: this.agencyRequestService.canRequest(record),
    })
  }
}
