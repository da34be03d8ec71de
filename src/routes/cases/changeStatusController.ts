import { Request, Response } from 'express'
import createError from 'http-errors'
import { allowedTransitions, TransitionOption } from '../../domain/caseStatus'
import { caseStatuses, onHoldReasons } from '../../domain/codes'
import type { Case } from '../../db/models'
import type { MissingItem } from '../../services/agencyRequests/readinessService'
import type ReadinessService from '../../services/agencyRequests/readinessService'
import type CaseService from '../../services/caseService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { loadedCase } from './loadCase'

// These happen through a panel meeting (agenda, finalise, defer), never by hand on this page.
// A scheduled case is on a meeting's agenda: it leaves that status only through the meeting (remove it
// from the agenda first), or its agenda item would be left pending with its pack still open to the panel.
const THROUGH_MEETINGS = new Set([
  'ready_for_panel>scheduled',
  'scheduled>reviewed',
  'scheduled>ready_for_panel',
  'scheduled>information_gathering',
  'scheduled>on_hold',
  'scheduled>transferred_out',
  'scheduled>out_of_scope',
])

const manualTransitions = (record: Case): TransitionOption[] =>
  allowedTransitions(record.status, { heldFrom: record.statusBeforeHold }).filter(
    t => !THROUGH_MEETINGS.has(`${record.status}>${t.to}`),
  )

/** Moves a case through the allowed transitions of the data dictionary, with a reason where one is needed. */
export default class ChangeStatusController {
  constructor(
    private readonly caseService: CaseService,
    private readonly readinessService: ReadinessService,
  ) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const values = { to: '', reason_code: '', reason: '', override_missing: '' }
    this.render(res, record, values, record.version, noErrors(), await this.missingForPanel(record))
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const values = {
      to: text(req.body, 'to', 50),
      reason_code: text(req.body, 'reason_code', 50),
      reason: text(req.body, 'reason', 5000),
      override_missing: text(req.body, 'override_missing', 10),
    }
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const options = manualTransitions(record)
    const chosen = options.find(option => option.to === values.to)
    const errors = noErrors()
    if (!chosen) addError(errors, 'to', 'Select what to do with the case')
    if (chosen?.reasonCodes && !chosen.reasonCodes.includes(values.reason_code as never)) {
      addError(errors, 'reason_code', 'Select why the case is on hold')
    }
    if (chosen?.needsReason && !values.reason) addError(errors, 'reason', 'Give the reason for this change')
    // Going to panel with information missing is allowed, but only on purpose and with a reason.
    const missing = await this.missingForPanel(record)
    const overriding = chosen?.to === 'ready_for_panel' && missing.length > 0
    if (overriding && values.override_missing !== 'yes')
      addError(errors, 'override_missing', 'Confirm the case can go to panel without the missing information')
    if (overriding && !values.reason)
      addError(errors, 'reason', 'Give the reason for sending the case to panel with information missing')
    if (values.reason.length > 2000) addError(errors, 'reason', 'Reason must be 2,000 characters or fewer')
    if (hasErrors(errors)) return this.render(res.status(400), record, values, version, errors, missing)
    try {
      await this.readinessService.changeStatus(
        record.id,
        {
          to: chosen!.to,
          reasonCode: chosen!.reasonCodes ? values.reason_code : null,
          reason: values.reason || null,
          version,
        },
        { confirmed: overriding && values.override_missing === 'yes', reason: values.reason },
        auditContext(req),
      )
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      const fresh = (await this.caseService.findById(record.id))!
      const message =
        error.code === 'stale_version'
          ? `${error.message}. It is now ${caseStatuses.label(fresh.status).toLowerCase()}: check and choose again`
          : error.message
      addError(errors, error.details.missing ? 'override_missing' : 'to', message)
      return this.render(res.status(409), fresh, values, fresh.version, errors, await this.missingForPanel(fresh))
    }
    req.session.flash = [
      { type: 'success', text: `The status of case ${record.caseRef} is now: ${caseStatuses.label(chosen!.to)}` },
    ]
    return res.redirect(paths.cases.show(record.id))
  }

  /** What is missing, when one of the choices is sending the case to panel; "on hold" ends with the move itself. */
  private async missingForPanel(record: Case): Promise<MissingItem[]> {
    if (!manualTransitions(record).some(option => option.to === 'ready_for_panel')) return []
    return (await this.readinessService.missingFor(record)).filter(item => item.kind !== 'on_hold')
  }

  private render(
    res: Response,
    record: Case,
    values: Record<string, string>,
    version: number,
    errors: FormErrors,
    missing: MissingItem[],
  ) {
    res.render('pages/cases/change-status', {
      record,
      missing,
      statusLabel: caseStatuses.label(record.status),
      options: manualTransitions(record),
      holdReasons: onHoldReasons.items,
      values,
      version,
      ...errors,
    })
  }
}
