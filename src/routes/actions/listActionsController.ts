import { Request, Response } from 'express'
import { actionLevels, actionStatuses, categories } from '../../domain/codes'
import { isActionOverdue } from '../../domain/reviewRules'
import type ActionService from '../../services/actions/actionService'
import { formatDate } from '../../domain/dates'
import { readActionQuery } from '../../forms/readActionForm'

/** An action's theme in words: the category of death of the review it came from. */
export const themeLabel = (theme: number | null): string =>
  theme === null ? 'No category of death recorded' : `${theme}. ${categories.label(String(theme))}`

/** Every action across all cases: filters, overdue first, then by due date. */
export default class ListActionsController {
  constructor(private readonly actionService: ActionService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const query = readActionQuery(req.query as Record<string, unknown>)
    const [{ rows, count }, themes, completed] = await Promise.all([
      this.actionService.search(query),
      this.actionService.themeCounts(),
      this.actionService.completedWithEvidence(),
    ])
    const today = this.actionService.today()
    res.render('pages/actions/list', {
      query,
      themeItems: [
        ...categories.items.map(c => ({ code: c.code, label: themeLabel(Number(c.code)) })),
        { code: 'none', label: themeLabel(null) },
      ],
      themes: themes.map(row => ({
        ...row,
        code: row.theme === null ? 'none' : String(row.theme),
        label: themeLabel(row.theme),
        completedActions: completed
          .filter(a => a.theme === row.theme)
          .map(a => ({ ...a, completedOn: formatDate(a.completedOn) })),
      })),
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
        evidence: action.status === 'complete' ? (action.evidenceOfImpact ?? '') : '',
        overdue: isActionOverdue(action, today),
      })),
    })
  }
}
