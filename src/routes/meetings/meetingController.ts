import { Request, Response } from 'express'
import { meetingCapacities } from '../../domain/codes'
import type AgendaService from '../../services/meetings/agendaService'
import type DeclarationService from '../../services/meetings/declarationService'
import type MeetingService from '../../services/meetings/meetingService'
import type { MemberWithUser } from '../../services/meetings/meetingService'
import type PackService from '../../services/meetings/packService'
import { agendaRow } from '../../presenters/agendaRows'
import { isManager, loadedMeeting } from './loadMeeting'
import { describeMeeting, meetingStatusText } from './meetingText'

export const memberRow = (member: MemberWithUser) => ({
  id: member.id,
  userId: member.userId,
  name: member.user?.name ?? member.externalName ?? '',
  organisation: member.userId ? 'Panel member' : (member.externalOrganisation ?? ''),
  capacity: member.capacity,
  capacityText: meetingCapacities.label(member.capacity),
  attended: member.attended,
})

/**
 * The meeting page. Coordinators and administrators run the meeting from here; a panel member sees
 * the agenda of the cases they may read, each with its anonymised pack.
 */
export default class MeetingController {
  constructor(
    private readonly meetingService: MeetingService,
    private readonly agendaService: AgendaService,
    private readonly declarationService: DeclarationService,
    private readonly packService: PackService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    if (!isManager(req)) return this.panelView(req, res)
    const [members, quorum, items, declarations] = await Promise.all([
      this.meetingService.members(meeting.id),
      this.meetingService.quorumWithRule(meeting.id),
      this.agendaService.items(meeting.id),
      this.declarationService.forMeeting(meeting.id),
    ])
    const refOf = new Map(items.map(item => [item.caseId, item.case.caseRef]))
    return res.render('pages/meetings/show', {
      meeting,
      text: describeMeeting(meeting),
      lifecycle: meetingStatusText(meeting),
      members: members.map(memberRow),
      quorum: quorum.result,
      quorumRule: quorum.rule,
      attendanceRecorded: quorum.recorded,
      capacityLabel: meetingCapacities.label,
      agenda: items.map(agendaRow),
      declarations: declarations.map(d => ({
        id: d.id,
        memberName: d.user?.name ?? '',
        caseRef: refOf.get(d.caseId) ?? 'A case no longer on the agenda',
        description: d.description,
      })),
    })
  }

  private async panelView(req: Request, res: Response): Promise<void> {
    const meeting = loadedMeeting(res)
    const [visible, all, isChair] = await Promise.all([
      this.packService.visibleItems(req.user!, meeting.id),
      this.agendaService.items(meeting.id),
      this.meetingService.isChair(meeting.id, req.user!.id),
    ])
    const shown = new Set(visible.map(item => item.id))
    res.render('pages/meetings/show-panel', {
      meeting,
      text: describeMeeting(meeting),
      lifecycle: meetingStatusText(meeting),
      agenda: visible.map(agendaRow),
      declaredRefs: all.filter(item => !shown.has(item.id)).map(item => item.case.caseRef),
      isChair,
    })
  }
}
