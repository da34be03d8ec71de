import { Request, Response } from 'express'
import type AuditService from '../../services/auditService'
import { auditContext } from '../auditContextOf'
import { text } from '../../utils/formErrors'

const PAGE_SIZE = 50

/** The audit log, newest first, filterable by action, record and person. Reading it is itself audited. */
export default class AuditLogController {
  constructor(private readonly auditService: AuditService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const filters = {
      action: text(req.query, 'action', 100),
      entityType: text(req.query, 'entityType', 100),
      entityId: text(req.query, 'entityId', 100),
    }
    const requested = Number.parseInt(text(req.query, 'page', 10), 10)
    const page = Number.isInteger(requested) && requested > 0 && requested < 100_000 ? requested : 1
    const { rows, count } = await this.auditService.search({ ...filters, page, pageSize: PAGE_SIZE })
    await this.auditService.record(auditContext(req), { action: 'audit_log_viewed', details: { ...filters, page } })
    res.render('pages/admin/audit', {
      events: rows,
      count,
      page,
      pageCount: Math.max(1, Math.ceil(count / PAGE_SIZE)),
      filters,
    })
  }
}
