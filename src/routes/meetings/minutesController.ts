import { Request, Response } from 'express'
import {
  actionLevels,
  actionStatuses,
  categories,
  meetingCapacities,
  modifiableFactorsOutcomes,
} from '../../domain/codes'
import { formatGovukDate } from '../../domain/dates'
import type DeclarationService from '../../services/meetings/declarationService'
import type MeetingService from '../../services/meetings/meetingService'
import type MinutesService from '../../services/meetings/minutesService'
import type { MinutesItem } from '../../services/meetings/minutesService'
import { outcomeLabel } from '../../presenters/agendaRows'
import createError from 'http-errors'
import { auditContext } from '../auditContextOf'
import { isManager, loadedMeeting } from './loadMeeting'
import { memberRow } from './meetingController'
import { describeMeeting, meetingStatusText } from './meetingText'

const REVIEW_STATUS: Record<string, string> = {
  draft: 'Draft, not finalised',
  final: 'Finalised',
  deferred: 'Deferred',
  superseded: 'Superseded',
}

function decision(item: MinutesItem) {
  const review = item.review
  return {
    caseRef: item.caseRef,
    ageBand: item.ageBand,
    outcome: outcomeLabel(item.outcome),
    review: review && {
      status: REVIEW_STATUS[review.status] ?? review.status,
      reviewDate: formatGovukDate(review.reviewDate),
      category: review.category ? `${review.category}. ${categories.label(String(review.category))}` : 'Not recorded',
      modifiableFactors: review.modifiableFactors
        ? modifiableFactorsOutcomes.label(review.modifiableFactors)
        : 'Not recorded',
      learningPoints: review.learningPoints,
      deferralQuestions: review.deferralQuestions,
      quorumOverrideReason: review.quorumOverrideReason,
    },
    actions: item.actions.map(action => ({
      description: action.description,
      level: actionLevels.label(action.level),
      owner: action.ownerOrganisation ?? 'Not recorded',
      due: action.dueDate ? formatGovukDate(action.dueDate) : 'Not set',
      status: actionStatuses.label(action.status),
    })),
  }
}

/** The meeting's minutes: who attended, whether quorate, declarations, and each case's decisions. Printable. */
export default class MinutesController {
  constructor(
    private readonly meetingService: MeetingService,
    private readonly declarationService: DeclarationService,
    private readonly minutesService: MinutesService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const manager = isManager(req)
    // Besides those who run meetings, only the meeting's chair reads its minutes.
    if (!manager && !(await this.meetingService.isChair(meeting.id, req.user!.id)))
      throw createError(403, 'Only the chair of this meeting and the coordinator can read its minutes')
    const [members, quorum, declarations, allItems, declaredByMe] = await Promise.all([
      this.meetingService.members(meeting.id),
      this.meetingService.quorumWithRule(meeting.id),
      this.declarationService.forMeeting(meeting.id),
      this.minutesService.items(meeting.id),
      manager ? new Set<string>() : this.declarationService.caseIdsDeclaredBy(meeting.id, req.user!.id),
    ])
    // A chair who declared an interest in a case took no part in it, and does not read its decisions.
    const items = allItems.filter(item => !declaredByMe.has(item.caseId))
    await this.minutesService.recordView(
      auditContext(req),
      meeting.id,
      items.map(item => item.caseId),
    )
    const refOf = new Map(items.map(item => [item.caseId, item.caseRef]))
    res.render('pages/meetings/minutes', {
      meeting,
      text: describeMeeting(meeting),
      present: members.map(memberRow).filter(m => m.attended),
      apologies: members.map(memberRow).filter(m => m.attended === false),
      quorum: quorum.result,
      capacityLabel: meetingCapacities.label,
      declarations: declarations.map(d => ({ memberName: d.user?.name ?? '', caseRef: refOf.get(d.caseId) ?? '' })),
      decisions: items.map(decision),
      withheld: allItems.length - items.length,
      lifecycle: meetingStatusText(meeting),
    })
  }
}
