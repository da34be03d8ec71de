import { Request, Response } from 'express'
import createError from 'http-errors'
import type { Action } from '../../db/models'
import { actionLevels, actionStatuses } from '../../domain/codes'
import { isActionOverdue } from '../../domain/reviewRules'
import paths from '../../paths'
import type ActionService from '../../services/actions/actionService'
import ServiceError from '../../services/serviceError'
import {
  type ConflictRow,
  conflictErrors,
  conflictRows,
  type StaleEditQuestion,
  startedFrom,
} from '../../forms/staleEdit'
import { FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { formatDate } from '../../domain/dates'
import { auditContext } from '../auditContextOf'
import { RawValues, rawFromAction, readActionForm } from '../../forms/readActionForm'

const dateText = (raw: RawValues) =>
  [raw['due_date-day'], raw['due_date-month'], raw['due_date-year']].some(Boolean)
    ? [raw['due_date-day'], raw['due_date-month'], raw['due_date-year']].join('/')
    : ''

const QUESTIONS: StaleEditQuestion<RawValues>[] = [
  { label: 'Status', show: raw => actionStatuses.label(raw.status) },
  { label: 'Due date', show: dateText },
  { label: 'Owner organisation', show: raw => raw.owner_organisation ?? '' },
  { label: 'Evidence of impact', show: raw => raw.evidence_of_impact ?? '' },
]

/** One action: its status, due date, owner and evidence of impact, saved with optimistic locking. */
export default class EditActionController {
  constructor(private readonly actionService: ActionService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const action = await this.load(req)
    const raw = rawFromAction(action)
    this.render(res, action, raw, raw, action.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const action = await this.load(req)
    const version = Number(req.body?.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const started = startedFrom<RawValues>(req.body)
    const { raw, values, errors } = readActionForm(req.body)
    if (!values || hasErrors(errors)) return this.render(res.status(400), action, raw, started, version, errors)
    try {
      await this.actionService.update(action.id, values, version, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'stale_version')) throw error
      const current = (await this.actionService.findById(action.id))!
      const now = rawFromAction(current)
      const conflicts = conflictRows(QUESTIONS, { started, current: now, typed: raw })
      const errors = conflictErrors('saved this action')
      return this.render(res.status(409), current, raw, now, current.version, errors, conflicts)
    }
    req.session.flash = [{ type: 'success', text: 'Action updated' }]
    return res.redirect(paths.actions.list)
  }

  private async load(req: Request): Promise<Action> {
    const action = await this.actionService.findById(String(req.params.actionId))
    if (!action) throw createError(404, 'Action not found')
    return action
  }

  private render(
    res: Response,
    action: Action,
    raw: RawValues,
    started: RawValues,
    version: number,
    errors: FormErrors,
    conflicts?: ConflictRow[],
  ) {
    res.render('pages/actions/edit', {
      action,
      caseRef: (action as unknown as { case?: { caseRef: string } }).case?.caseRef ?? '',
      level: actionLevels.label(action.level),
      due: formatDate(action.dueDate),
      overdue: isActionOverdue(action, this.actionService.today()),
      statusItems: actionStatuses.items,
      raw,
      startedFrom: JSON.stringify(started),
      version,
      conflicts,
      ...errors,
    })
  }
}
