import { Request, Response } from 'express'
import { actionLevels, actionStatuses } from '../../domain/codes'
import { isActionOverdue } from '../../domain/reviewRules'
import type ActionService from '../../services/actions/actionService'
import { formatDate } from '../../views/viewHelpers'
import { readActionQuery } from './readActionForm'

/** Every action across all cases: filters, overdue first, then by due date. */
export default class ListActionsController {
  constructor(private readonly actionService: ActionService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const query = readActionQuery(req.query as Record<string, unknown>)
    const { rows, count } = await this.actionService.search(query)
    const today = this.actionService.today()
    res.render('pages/actions/list', {
      query,
      count,
      pageCount: Math.max(1, Math.ceil(count / query.pageSize)),
      statusItems: actionStatuses.items,
      levelItems: actionLevels.items,
      actions: rows.map(action => ({
        id: action.id,
        caseId: action.caseId,
        caseRef: (action as unknown as { case?: { caseRef: string } }).case?.caseRef ?? '',
        description: action.description,
        level: actionLevels.label(action.level),
        owner: action.ownerOrganisation ?? '',
        due: formatDate(action.dueDate),
        status: actionStatuses.label(action.status),
        overdue: isActionOverdue(action, today),
      })),
    })
  }
}
