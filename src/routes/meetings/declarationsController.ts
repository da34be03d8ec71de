import { Request, Response } from 'express'
import type AgendaService from '../../services/meetings/agendaService'
import type DeclarationService from '../../services/meetings/declarationService'
import type MeetingService from '../../services/meetings/meetingService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { loadedMeeting } from './loadMeeting'
import { describeMeeting } from './meetingText'

type Raw = Record<'member' | 'case' | 'description', string>

/** The coordinator records, or withdraws, a member's declared interest in a case on the agenda. */
export default class DeclarationsController {
  constructor(
    private readonly meetingService: MeetingService,
    private readonly agendaService: AgendaService,
    private readonly declarationService: DeclarationService,
  ) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    await this.render(res, { member: '', case: '', description: '' }, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const raw: Raw = {
      member: text(req.body, 'member', 50),
      case: text(req.body, 'case', 50),
      description: text(req.body, 'description', 5000),
    }
    const errors = noErrors()
    if (!raw.member) addError(errors, 'member', 'Select the member who declared an interest')
    if (!raw.case) addError(errors, 'case', 'Select the case')
    if (raw.description.length > 1000) addError(errors, 'description', 'Interest must be 1,000 characters or fewer')
    if (hasErrors(errors)) return this.render(res.status(400), raw, errors)
    try {
      await this.declarationService.declare(
        meeting.id,
        { userId: raw.member, caseId: raw.case, description: raw.description || null },
        auditContext(req),
      )
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      addError(errors, error.details.field === 'case' ? 'case' : 'member', error.message)
      return this.render(res.status(error.code === 'duplicate' ? 409 : 400), raw, errors)
    }
    req.session.flash = [
      { type: 'success', text: 'Declaration of interest recorded. That member will not see the case’s pack' },
    ]
    return res.redirect(paths.meetings.declarations(meeting.id))
  }

  withdraw = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    try {
      await this.declarationService.withdraw(meeting.id, String(req.params.declarationId), auditContext(req))
      req.session.flash = [{ type: 'success', text: 'Declaration of interest withdrawn' }]
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      req.session.flash = [{ type: 'information', title: 'Nothing was changed', text: error.message }]
    }
    res.redirect(paths.meetings.declarations(meeting.id))
  }

  private async render(res: Response, raw: Raw, errors: FormErrors) {
    const meeting = loadedMeeting(res)
    const [members, items, declarations] = await Promise.all([
      this.meetingService.members(meeting.id),
      this.agendaService.items(meeting.id),
      this.declarationService.forMeeting(meeting.id),
    ])
    const refOf = new Map(items.map(item => [item.caseId, item.case.caseRef]))
    res.render('pages/meetings/declarations', {
      meeting,
      text: describeMeeting(meeting),
      memberItems: members.filter(m => m.userId).map(m => ({ value: m.userId, text: m.user?.name ?? '' })),
      caseItems: items.map(item => ({ value: item.caseId, text: item.case.caseRef })),
      declarations: declarations.map(d => ({
        id: d.id,
        memberName: d.user?.name ?? '',
        caseRef: refOf.get(d.caseId) ?? 'A case no longer on the agenda',
        description: d.description,
      })),
      raw,
      ...errors,
    })
  }
}
