import { Request, Response } from 'express'
import type { OutboxStatus } from '../../db/models/OutboxMessage'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import { describeReport } from '../../domain/agencyReport/describeReport'
import { answersFrom } from '../../domain/agencyReport/questions'
import { outboxStatusLabels, outboxStatusTagClasses } from '../../services/mail/outboxService'
import ServiceError from '../../services/serviceError'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import { loadedCase } from '../cases/loadCase'
import { deliveryNote } from './newRequestController'
import { loadedRequest } from './loadRequest'
import { requestRow } from '../../presenters/requestRows'

/** The e-mails that chase an agency, as the request's history names them. */
const CHASING_KINDS: Record<string, string> = {
  agency_reminder_before: 'Reminder before the due date',
  agency_reminder_overdue: 'Overdue reminder',
  agency_escalation: 'Escalation to the agency’s lead',
}

/** Where escalation stands, in words, for a request that is or may become overdue. */
function escalationState(
  request: { escalationSentAt: Date | null; reminderOverdueSentAt: Date | null; status: string; agency: string },
  overdue: boolean,
  lead: { leadName: string; leadEmail: string } | null,
): { text: string; noLead: boolean } | null {
  if (request.escalationSentAt) return null // it is in the history
  if (request.status !== 'requested') return null
  if (request.agency === 'other')
    return overdue ? { text: 'An agency named as “other” has no standing lead to escalate to.', noLead: false } : null
  if (!lead)
    return {
      text: 'No lead contact is set up for this agency, so an overdue report cannot be escalated.',
      noLead: true,
    }
  return {
    text: `If the report is still outstanding after the overdue reminder, ${lead.leadName} (${lead.leadEmail}) is written to.`,
    noLead: false,
  }
}

/** One request: its contact, link, reminders, e-mails and, once it is in, the report; and its link actions. */
export default class RequestController {
  constructor(private readonly agencyRequestService: AgencyRequestService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const request = loadedRequest(res)
    await this.agencyRequestService.recordView(request, auditContext(req))
    const [messages, lead] = await Promise.all([
      this.agencyRequestService.messagesFor(request.id),
      this.agencyRequestService.leadFor(request),
    ])
    const rows = messages.map(m => ({
      id: m.id,
      kind: m.kind,
      subject: m.subject,
      toAddress: m.toAddress,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      attempts: m.attempts,
      lastError: m.lastError,
      status: m.status,
      statusLabel: outboxStatusLabels[m.status as OutboxStatus],
      statusClass: outboxStatusTagClasses[m.status as OutboxStatus],
    }))
    const row = requestRow(request, this.agencyRequestService.today(), this.agencyRequestService.instant())
    res.render('pages/agency-requests/show', {
      record,
      request,
      row,
      report: request.report ? describeReport(answersFrom(request.report)) : null,
      messages: rows,
      // Oldest first: the story of the chasing, in the order it happened.
      chasing: rows.filter(m => m.kind in CHASING_KINDS).reverse(),
      chasingKinds: CHASING_KINDS,
      escalation: escalationState(request, row.status === 'overdue', lead),
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
