import { Request, Response } from 'express'
import type PackService from '../../services/meetings/packService'
import type { CasePack } from '../../services/meetings/packService'
import { auditContext } from '../auditContextOf'
import { loadedMeeting } from './loadMeeting'
import { describeMeeting } from './meetingText'

/** The whole pack to print: every agenda case the viewer may see, one after another, each on a new page. */
export default class WholePackController {
  constructor(private readonly packService: PackService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const items = await this.packService.visibleItems(req.user!, meeting.id)
    const packs: CasePack[] = []
    for (const item of items) {
      const pack = await this.packService.casePack(item.caseId)
      if (pack) packs.push(pack)
    }
    await this.packService.recordView(
      auditContext(req),
      meeting.id,
      packs.map(p => p.caseId),
      true,
    )
    res.render('pages/meetings/whole-pack', { meeting, text: describeMeeting(meeting), packs })
  }
}
