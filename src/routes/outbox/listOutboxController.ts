import { Request, Response } from 'express'
import type OutboxService from '../../services/mail/outboxService'
import { outboxStatusLabels, outboxStatusTagClasses } from '../../services/mail/outboxService'
import { text } from '../../utils/formErrors'

/** Every e-mail the service has sent or holds, newest first, filterable by status. */
export default class ListOutboxController {
  constructor(private readonly outboxService: OutboxService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const status = text(req.query, 'status', 20)
    const page = Math.max(1, Math.min(10_000, Number.parseInt(text(req.query, 'page', 6), 10) || 1))
    const { rows, count, pageCount } = await this.outboxService.list({ status, page })
    res.render('pages/outbox/list', {
      rows,
      count,
      page,
      pageCount,
      status: status in outboxStatusLabels ? status : '',
      statusLabels: outboxStatusLabels,
      statusClasses: outboxStatusTagClasses,
      delivers: this.outboxService.delivers,
    })
  }
}
