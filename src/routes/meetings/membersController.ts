import { Request, Response } from 'express'
import { meetingCapacities, type MeetingCapacity } from '../../domain/codes'
import type MeetingService from '../../services/meetings/meetingService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, list, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { loadedMeeting } from './loadMeeting'
import { memberRow } from './meetingController'
import { describeMeeting } from './meetingText'

type Raw = Record<string, string | string[]>

/** Invites panel members (accounts) with their capacity, adds named external attendees, removes members. */
export default class MembersController {
  constructor(private readonly meetingService: MeetingService) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    await this.render(res, { invite: [] }, noErrors())
  }

  invite = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const chosen = [...new Set(list(req.body, 'invite'))]
    const raw: Raw = { invite: chosen }
    const errors = noErrors()
    const invitable = new Set((await this.meetingService.invitable(meeting.id)).map(user => user.id))
    const invitations = chosen.map(userId => {
      const capacity = text(req.body, `capacity_${userId}`, 50)
      raw[`capacity_${userId}`] = capacity
      if (!meetingCapacities.has(capacity)) addError(errors, `capacity_${userId}`, 'Select the capacity they sit in')
      return { userId, capacity: capacity as MeetingCapacity }
    })
    if (!chosen.length) addError(errors, 'invite', 'Select the panel members to invite')
    if (chosen.some(id => !invitable.has(id))) addError(errors, 'invite', 'Select panel members from the list')
    if (hasErrors(errors)) return this.render(res.status(400), raw, errors)
    try {
      const count = await this.meetingService.invite(meeting.id, invitations, auditContext(req))
      req.session.flash = [{ type: 'success', text: `${count} panel member${count === 1 ? '' : 's'} invited` }]
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      addError(errors, 'invite', error.message)
      return this.render(res.status(409), raw, errors)
    }
    return res.redirect(paths.meetings.members(meeting.id))
  }

  addExternal = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const raw = {
      invite: [],
      external_name: text(req.body, 'external_name', 500),
      external_organisation: text(req.body, 'external_organisation', 500),
      external_capacity: text(req.body, 'external_capacity', 50),
    }
    const errors = noErrors()
    if (!raw.external_name) addError(errors, 'external_name', 'Enter the name of the attendee')
    else if (raw.external_name.length > 200) addError(errors, 'external_name', 'Name must be 200 characters or fewer')
    if (raw.external_organisation.length > 200)
      addError(errors, 'external_organisation', 'Organisation must be 200 characters or fewer')
    if (!meetingCapacities.has(raw.external_capacity))
      addError(errors, 'external_capacity', 'Select the capacity they attend in')
    if (hasErrors(errors)) return this.render(res.status(400), raw, errors)
    await this.meetingService.addExternal(
      meeting.id,
      {
        name: raw.external_name,
        organisation: raw.external_organisation || null,
        capacity: raw.external_capacity as MeetingCapacity,
      },
      auditContext(req),
    )
    req.session.flash = [{ type: 'success', text: `${raw.external_name} added to the meeting` }]
    return res.redirect(paths.meetings.members(meeting.id))
  }

  remove = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    try {
      await this.meetingService.removeMember(meeting.id, String(req.params.memberId), auditContext(req))
      req.session.flash = [{ type: 'success', text: 'Member removed from the meeting' }]
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      req.session.flash = [{ type: 'information', title: 'Nothing was changed', text: error.message }]
    }
    res.redirect(paths.meetings.members(meeting.id))
  }

  private async render(res: Response, raw: Raw, errors: FormErrors) {
    const meeting = loadedMeeting(res)
    const [members, invitable] = await Promise.all([
      this.meetingService.members(meeting.id),
      this.meetingService.invitable(meeting.id),
    ])
    res.render('pages/meetings/members', {
      meeting,
      text: describeMeeting(meeting),
      members: members.map(memberRow),
      invitable: invitable.map(user => ({ id: user.id, name: user.name, email: user.email })),
      capacities: meetingCapacities.items,
      raw,
      ...errors,
    })
  }
}
