import type { Action } from '../db/models'
import { actionLevels, actionStatuses, categories, type ActionStatus } from '../domain/codes'
import { actionCompletionProblem } from '../domain/reviewRules'
import { dateInputValues, readDateInput } from '../utils/dateInput'
import type { ActionChanges, ActionQuery } from '../services/actions/actionService'
import { addError, FormErrors, noErrors, text } from '../utils/formErrors'

export type RawValues = Record<string, string>

export const PAGE_SIZE = 50

/** The list's filters from the query string; anything unknown is ignored. */
export function readActionQuery(query: Record<string, unknown>): ActionQuery {
  const status = text(query, 'status', 20)
  const level = text(query, 'level', 20)
  const page = Number(text(query, 'page', 6))
  const theme = text(query, 'theme', 4)
  return {
    theme: theme === 'none' || categories.has(theme) ? theme : undefined,
    status: actionStatuses.has(status) ? status : undefined,
    level: actionLevels.has(level) ? level : undefined,
    owner: text(query, 'owner', 200) || undefined,
    overdueOnly: text(query, 'overdue', 5) === 'yes',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZE,
  }
}

export function rawFromAction(action: Action): RawValues {
  return {
    status: action.status,
    ...dateInputValues('due_date', action.dueDate),
    owner_organisation: action.ownerOrganisation ?? '',
    evidence_of_impact: action.evidenceOfImpact ?? '',
  }
}

/** Reads the action form: status, due date, owner and evidence of impact. */
export function readActionForm(body: unknown): { raw: RawValues; values: ActionChanges | null; errors: FormErrors } {
  const errors = noErrors()
  const due = readDateInput(body, 'due_date', 'due date')
  const raw: RawValues = {
    status: text(body, 'status', 20),
    ...due.raw,
    owner_organisation: text(body, 'owner_organisation', 100_000),
    evidence_of_impact: text(body, 'evidence_of_impact', 100_000),
  }
  if (!actionStatuses.has(raw.status)) addError(errors, 'status', 'Select the status of the action')
  const dueDate = due.value
  if (due.error) addError(errors, 'due_date', due.error.text, due.error.href)
  if (raw.owner_organisation.length > 200)
    addError(errors, 'owner_organisation', 'Owner organisation must be 200 characters or fewer')
  if (raw.evidence_of_impact.length > 20000)
    addError(errors, 'evidence_of_impact', 'Evidence of impact must be 20,000 characters or fewer')
  const completion = actionCompletionProblem(raw.status as ActionStatus, raw.evidence_of_impact)
  if (completion) addError(errors, completion.field, completion.message)
  if (errors.errorSummary.length) return { raw, values: null, errors }
  return {
    raw,
    values: {
      status: raw.status as ActionStatus,
      dueDate,
      ownerOrganisation: raw.owner_organisation || null,
      evidenceOfImpact: raw.evidence_of_impact || null,
    },
    errors,
  }
}
