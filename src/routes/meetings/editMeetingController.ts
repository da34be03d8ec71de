import { Request, Response } from 'express'
import createError from 'http-errors'
import type { Meeting } from '../../db/models'
import { meetingThemes } from '../../domain/codes'
import type MeetingService from '../../services/meetings/meetingService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { loadedMeeting } from './loadMeeting'
import { MeetingRaw, rawFromMeeting, readMeetingForm } from '../../forms/meetingForm'
import { describeMeeting, MeetingText } from './meetingText'

/** Changes a meeting's date, time, place or theme, refusing to overwrite someone else's save. */
export default class EditMeetingController {
  constructor(private readonly meetingService: MeetingService) {}

  view = (req: Request, res: Response): void => {
    const meeting = loadedMeeting(res)
    if (meeting.status !== 'scheduled') return this.closed(req, res)
    this.render(res, meeting, rawFromMeeting(meeting), meeting.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const { raw, values, errors } = readMeetingForm(req.body)
    if (hasErrors(errors)) return this.render(res.status(400), meeting, raw, version, errors)
    try {
      await this.meetingService.update(meeting.id, values, version, auditContext(req))
    } catch (error) {
      if (ServiceError.is(error, 'refused')) return this.closed(req, res)
      if (!ServiceError.is(error, 'stale_version')) throw error
      const current = error.details.current as Meeting
      const conflict = noErrors()
      addError(
        conflict,
        'conflict',
        'Someone else changed this meeting while you were editing it. Check their changes, then save yours again',
        '#conflict',
      )
      // What they typed stays in the form; saving again applies it on top of the newer version.
      return this.render(res.status(409), current, raw, current.version, conflict, describeMeeting(current))
    }
    req.session.flash = [{ type: 'success', text: 'Meeting details saved' }]
    return res.redirect(paths.meetings.show(meeting.id))
  }

  /** A held or cancelled meeting keeps its details: back to the meeting, saying why. */
  private closed(req: Request, res: Response): void {
    const meeting = loadedMeeting(res)
    const why = meeting.status === 'held' ? 'has been held' : 'has been cancelled'
    req.session.flash = [{ type: 'information', text: `This meeting ${why}, so its details can no longer be changed` }]
    res.redirect(paths.meetings.show(meeting.id))
  }

  private render(
    res: Response,
    meeting: Meeting,
    raw: MeetingRaw,
    version: number,
    errors: FormErrors,
    conflict: MeetingText | null = null,
  ) {
    res.render('pages/meetings/meeting-form', {
      heading: 'Change the meeting details',
      caption: describeMeeting(meeting).title,
      action: paths.meetings.edit(meeting.id),
      backHref: paths.meetings.show(meeting.id),
      submitText: 'Save changes',
      raw,
      themes: meetingThemes.items,
      version,
      conflict,
      ...errors,
    })
  }
}
