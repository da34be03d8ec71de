import { Request, Response } from 'express'
import createError from 'http-errors'
import type AgendaService from '../../services/meetings/agendaService'
import type MeetingService from '../../services/meetings/meetingService'
import type PackService from '../../services/meetings/packService'
import { auditContext } from '../auditContextOf'
import { isManager, loadedMeeting } from './loadMeeting'
import { describeMeeting } from './meetingText'

/**
 * One case's anonymised pack. Panel members reach it only for a case on the agenda of a meeting they
 * are invited to, and not once they have declared an interest. Every view is audited.
 */
export default class PackController {
  constructor(
    private readonly meetingService: MeetingService,
    private readonly agendaService: AgendaService,
    private readonly packService: PackService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const caseId = String(req.params.caseId)
    if (isManager(req)) {
      if (!(await this.meetingService.isOnAgenda(meeting.id, caseId)))
        throw createError(404, 'That case is not on the agenda of this meeting')
    } else if (!(await this.meetingService.canSeePack(req.user!, meeting.id, caseId))) {
      if (await this.meetingService.hasDeclaredInterest(meeting.id, caseId, req.user!.id))
        return this.interestDeclared(res, caseId)
      throw createError(403, 'You can only see the packs of cases on the agenda of meetings you are invited to')
    }
    const pack = await this.packService.casePack(caseId)
    if (!pack) throw createError(404, 'Case not found')
    await this.packService.recordView(auditContext(req), meeting.id, [caseId], false)
    return res.render('pages/meetings/pack', { meeting, text: describeMeeting(meeting), pack })
  }

  private async interestDeclared(res: Response, caseId: string): Promise<void> {
    const meeting = loadedMeeting(res)
    const item = (await this.agendaService.items(meeting.id)).find(i => i.caseId === caseId)
    res.status(403).render('pages/meetings/interest-declared', {
      meeting,
      text: describeMeeting(meeting),
      caseRef: item?.case.caseRef ?? 'this case',
    })
  }
}
