import { Request, Response } from 'express'
import { can } from '../../domain/policy'
import type MeetingService from '../../services/meetings/meetingService'
import type { MeetingSummary } from '../../services/meetings/meetingService'
import { isManager } from './loadMeeting'
import { describeMeeting } from './meetingText'

const row = ({ meeting, agendaCount }: MeetingSummary) => ({
  id: meeting.id,
  status: meeting.status,
  agendaCount,
  ...describeMeeting(meeting),
})

/** Upcoming meetings first, then past ones; a panel member sees only the meetings they are invited to. */
export default class ListMeetingsController {
  constructor(private readonly meetingService: MeetingService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const { upcoming, past } = await this.meetingService.list(req.user!)
    res.render('pages/meetings/list', {
      upcoming: upcoming.map(row),
      past: past.map(row),
      canManage: isManager(req),
      canChangeQuorum: can(req.user, 'changeSettings'),
    })
  }
}
