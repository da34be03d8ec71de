import { Request, Response } from 'express'
import { meetingThemes } from '../../domain/codes'
import type MeetingService from '../../services/meetings/meetingService'
import { FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { blankMeetingForm, MeetingRaw, readMeetingForm } from '../../forms/meetingForm'
import { describeMeeting } from './meetingText'

/** Schedules a panel meeting: date, time, where, and its theme. */
export default class ScheduleMeetingController {
  constructor(private readonly meetingService: MeetingService) {}

  view = (_req: Request, res: Response): void => {
    this.render(res, blankMeetingForm(), noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const { raw, values, errors } = readMeetingForm(req.body)
    if (hasErrors(errors)) return this.render(res.status(400), raw, errors)
    const meeting = await this.meetingService.schedule(values, auditContext(req))
    req.session.flash = [
      {
        type: 'success',
        title: `${describeMeeting(meeting).title} scheduled`,
        text: 'Now invite the panel members and add cases to the agenda.',
      },
    ]
    return res.redirect(paths.meetings.show(meeting.id))
  }

  private render(res: Response, raw: MeetingRaw, errors: FormErrors) {
    res.render('pages/meetings/meeting-form', {
      heading: 'Schedule a panel meeting',
      action: paths.meetings.schedule,
      backHref: paths.meetings.list,
      submitText: 'Schedule meeting',
      raw,
      themes: meetingThemes.items,
      version: null,
      conflict: null,
      ...errors,
    })
  }
}
