import { Request, Response } from 'express'
import createError from 'http-errors'
import { meetingCapacities, type MeetingCapacity } from '../../domain/codes'
import type MeetingService from '../../services/meetings/meetingService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, list, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { loadedMeeting } from './loadMeeting'
import { memberRow } from './meetingController'
import { describeMeeting } from './meetingText'

type Raw = { attended: string[] } & Record<string, string | string[]>

/** Records who attended and in which capacity; the meeting page then shows whether it was quorate. */
export default class AttendanceController {
  constructor(private readonly meetingService: MeetingService) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const members = await this.meetingService.members(meeting.id)
    const raw: Raw = { attended: members.filter(m => m.attended).map(m => m.id) }
    members.forEach(m => Object.assign(raw, { [`capacity_${m.id}`]: m.capacity }))
    await this.render(res, raw, meeting.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const members = await this.meetingService.members(meeting.id)
    const raw: Raw = { attended: [...new Set(list(req.body, 'attended'))] }
    const errors = noErrors()
    const entries = members.map(member => {
      const field = `capacity_${member.id}`
      const capacity = text(req.body, field, 50)
      raw[field] = capacity
      if (!meetingCapacities.has(capacity)) addError(errors, field, 'Select the capacity they sat in')
      return { memberId: member.id, attended: raw.attended.includes(member.id), capacity: capacity as MeetingCapacity }
    })
    if (hasErrors(errors)) return this.render(res.status(400), raw, version, errors)
    try {
      await this.meetingService.recordAttendance(meeting.id, entries, version, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'stale_version')) throw error
      addError(
        errors,
        'attended',
        'Someone else changed this meeting while you were recording attendance. Check the form, then save again',
      )
      const fresh = (await this.meetingService.findById(meeting.id))!
      return this.render(res.status(409), raw, fresh.version, errors)
    }
    const present = entries.filter(e => e.attended).length
    req.session.flash = [{ type: 'success', text: `Attendance recorded: ${present} present` }]
    return res.redirect(paths.meetings.show(meeting.id))
  }

  private async render(res: Response, raw: Raw, version: number, errors: FormErrors) {
    const meeting = loadedMeeting(res)
    const members = await this.meetingService.members(meeting.id)
    res.render('pages/meetings/attendance', {
      meeting,
      text: describeMeeting(meeting),
      members: members.map(memberRow),
      capacities: meetingCapacities.items,
      raw,
      version,
      ...errors,
    })
  }
}
