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

/** A malformed meeting id gets the answer an unknown one does: 404 to a manager, 403 to anyone else. */
export const malformedMeeting = (req: Request): Error =>
  can(req.user, 'manageMeetings') ? createError(404, 'Meeting not found') : createError(403, NOT_INVITED)

/** A malformed case id on a meeting's page: the case is not on its agenda. */
export const notOnAgenda = (req: Request): Error =>
  can(req.user, 'manageMeetings')
    ? createError(404, 'That case is not on the agenda of this meeting')
    : createError(403, 'That case is not on the agenda of a meeting you are invited to')

export const loadedMeeting = (res: Response): Meeting => res.locals.meeting as Meeting

/** Coordinators and administrators run meetings; panel members only read what they may. */
export const isManager = (req: Request): boolean => can(req.user, 'manageMeetings')
