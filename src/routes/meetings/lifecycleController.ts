import { Request, Response } from 'express'
import createError from 'http-errors'
import { formatGovukDate } from '../../domain/dates'
import { REASON_MAX, type LifecycleProblem } from '../../domain/meetingLifecycle'
import paths from '../../paths'
import type MeetingLifecycleService from '../../services/meetings/meetingLifecycleService'
import type MeetingService from '../../services/meetings/meetingService'
import ServiceError from '../../services/serviceError'
import { readDateInput } from '../../utils/dateInput'
import { addError, FormErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import { loadedMeeting } from './loadMeeting'
import { describeMeeting } from './meetingText'

type Kind = 'held' | 'cancel' | 'postpone'
type Raw = Record<string, string>

const HEADINGS: Record<Kind, string> = {
  held: 'Mark the meeting as held',
  cancel: 'Cancel the meeting',
  postpone: 'Postpone the meeting',
}

const DONE: Record<Kind, string> = {
  held: 'Meeting marked as held: the panel’s reviews can now be finalised',
  cancel: 'Meeting cancelled: its cases are back to ready for panel',
  postpone: 'Meeting postponed',
}

/** Marks a meeting held, cancels it with a reason, or postpones it to a later date: each a form of its own. */
export default class LifecycleController {
  constructor(
    private readonly meetingService: MeetingService,
    private readonly lifecycle: MeetingLifecycleService,
  ) {}

  view =
    (kind: Kind) =>
    async (_req: Request, res: Response): Promise<void> => {
      const meeting = loadedMeeting(res)
      const raw: Raw = { reason: '', 'new_date-day': '', 'new_date-month': '', 'new_date-year': '' }
      await this.render(res, kind, raw, meeting.version, noErrors())
    }

  submit =
    (kind: Kind) =>
    async (req: Request, res: Response): Promise<void> => {
      const meeting = loadedMeeting(res)
      const version = Number(req.body?.version)
      if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
      const date = readDateInput(req.body, 'new_date', 'new date of the meeting')
      // Over-long reasons are kept whole to show again, and refused by the rule.
      const raw: Raw = { reason: text(req.body, 'reason', REASON_MAX * 10), ...date.raw }
      const errors = noErrors()
      if (kind === 'postpone' && date.error) addError(errors, 'new_date', date.error.text, date.error.href)
      try {
        if (errors.errorSummary.length) {
          // The date could not be read: still check the reason, so every problem shows at once.
          if (!raw.reason) addError(errors, 'reason', 'Enter why the meeting is postponed')
          return await this.render(res.status(400), kind, raw, version, errors)
        }
        const context = auditContext(req)
        if (kind === 'held') await this.lifecycle.markHeld(meeting.id, version, context)
        if (kind === 'cancel') await this.lifecycle.cancel(meeting.id, raw.reason, version, context)
        if (kind === 'postpone') await this.lifecycle.postpone(meeting.id, date.value, raw.reason, version, context)
      } catch (error) {
        if (!ServiceError.is(error)) throw error
        if (error.code === 'not_found') throw createError(404, error.message)
        const failed = noErrors()
        if (error.code === 'stale_version') {
          addError(
            failed,
            'version',
            'Someone else changed this meeting since you opened this page. Check it, then try again',
            '#meeting-summary',
          )
          const fresh = (await this.meetingService.findById(meeting.id))!
          res.locals.meeting = fresh
          return this.render(res.status(409), kind, raw, fresh.version, failed)
        }
        const problems = (error.details.problems as LifecycleProblem[] | undefined) ?? [
          { field: 'reason', message: error.message },
        ]
        problems.forEach(p =>
          addError(failed, p.field, p.message, p.field === 'new_date' ? '#new_date-day' : `#${p.field}`),
        )
        return this.render(res.status(400), kind, raw, version, failed)
      }
      req.session.flash = [{ type: 'success', text: DONE[kind] }]
      return res.redirect(paths.meetings.show(meeting.id))
    }

  private async render(res: Response, kind: Kind, raw: Raw, version: number, errors: FormErrors) {
    const meeting = loadedMeeting(res)
    const [quorum, agenda] = await Promise.all([
      this.meetingService.quorumWithRule(meeting.id),
      this.meetingService.pendingAgendaCount(meeting.id),
    ])
    res.render('pages/meetings/lifecycle', {
      kind,
      heading: HEADINGS[kind],
      meeting,
      text: describeMeeting(meeting),
      present: quorum.result.present,
      quorate: quorum.result.quorate,
      attendanceRecorded: quorum.recorded,
      pendingCount: agenda,
      today: formatGovukDate(this.lifecycle.today()),
      raw,
      version,
      ...errors,
    })
  }
}
