import { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
import type { Meeting } from '../../db/models'
import { can } from '../../domain/policy'
import type MeetingService from '../../services/meetings/meetingService'

const NOT_INVITED = 'You can only see the meetings you are invited to'

/**
 * router.param handler: loads the meeting named in the URL. Coordinators and administrators get a
 * 404 for an unknown one; anyone else gets the same 403 whether it exists or they are not invited.
 */
export const loadMeeting =
  (meetingService: MeetingService) =>
  async (req: Request, res: Response, next: NextFunction, id: string): Promise<void> => {
    const meeting = await meetingService.findById(String(id))
    const manager = can(req.user, 'manageMeetings')
    if (!meeting) return next(createError(manager ? 404 : 403, manager ? 'Meeting not found' : NOT_INVITED))
    if (!manager && !(await meetingService.canOpen(req.user!, meeting.id))) return next(createError(403, NOT_INVITED))
    res.locals.meeting = meeting
    return next()
  }

export const loadedMeeting = (res: Response): Meeting => res.locals.meeting as Meeting

/** Coordinators and administrators run meetings; panel members only read what they may. */
export const isManager = (req: Request): boolean => can(req.user, 'manageMeetings')
