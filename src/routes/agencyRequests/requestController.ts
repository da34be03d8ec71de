import { Request, Response } from 'express'
import type { OutboxStatus } from '../../db/models/OutboxMessage'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import { answersFrom, describeReport } from '../../services/agencyRequests/reportForm'
import { outboxStatusLabels, outboxStatusTagClasses } from '../../services/mail/outboxService'
import ServiceError from '../../services/serviceError'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import { loadedCase } from '../cases/loadCase'
import { deliveryNote } from './newRequestController'
import { loadedRequest } from './loadRequest'
import { requestRow } from './requestRows'

/** One request: its contact, link, reminders, e-mails and, once it is in, the report; and its link actions. */
export default class RequestController {
  constructor(private readonly agencyRequestService: AgencyRequestService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const request = loadedRequest(res)
    await this.agencyRequestService.recordView(request, auditContext(req))
    const messages = await this.agencyRequestService.messagesFor(request.id)
    res.render('pages/agency-requests/show', {
      record,
      request,
      row: requestRow(request, this.agencyRequestService.today(), this.agencyRequestService.instant()),
      report: request.report ? describeReport(answersFrom(request.report)) : null,
      messages: messages.map(m => ({
        id: m.id,
        subject: m.subject,
        createdAt: m.createdAt,
        statusLabel: outboxStatusLabels[m.status as OutboxStatus],
        statusClass: outboxStatusTagClasses[m.status as OutboxStatus],
      })),
    })
  }

  revokeLink = async (req: Request, res: Response): Promise<void> => {
    const request = loadedRequest(res)
    await this.act(req, res, async () => {
      await this.agencyRequestService.revokeLink(request, Number(req.body.version), auditContext(req))
      return 'The link has been revoked. It no longer works; you can send a new one.'
    })
  }

  newLink = async (req: Request, res: Response): Promise<void> => {
    const request = loadedRequest(res)
    await this.act(req, res, async () => {
      const delivery = await this.agencyRequestService.reissueLink(request, Number(req.body.version), auditContext(req))
      return `A new link has been sent to ${request.contactName}. The old link no longer works. ${deliveryNote(delivery)}`
    })
  }

  /** Runs a button's action, then shows the request again with what happened. */
  private async act(req: Request, res: Response, action: () => Promise<string>) {
    const record = loadedCase(res)
    const request = loadedRequest(res)
    try {
      req.session.flash = [{ type: 'success', text: await action() }]
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      const text =
        error.code === 'stale_version' ? `${error.message}. Check the request below and try again.` : error.message
      req.session.flash = [{ type: 'information', text }]
    }
    res.redirect(paths.agencyRequests.show(record.id, request.id))
  }
}
