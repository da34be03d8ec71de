import { Request, Response } from 'express'
import createError from 'http-errors'
import type AgendaService from '../../services/meetings/agendaService'
import type DeclarationService from '../../services/meetings/declarationService'
import type MeetingService from '../../services/meetings/meetingService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { loadedMeeting } from './loadMeeting'
import { describeMeeting } from './meetingText'

/** A panel member declares their own interest in a case on the agenda; its pack is then closed to them. */
export default class DeclareInterestController {
  constructor(
    private readonly meetingService: MeetingService,
    private readonly agendaService: AgendaService,
    private readonly declarationService: DeclarationService,
  ) {}

  view = async (req: Request, res: Response): Promise<void> => {
    await this.render(req, res, '', noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const caseRef = await this.caseRef(req, res)
    const description = text(req.body, 'description', 5000)
    const errors = noErrors()
    if (description.length > 1000) addError(errors, 'description', 'Interest must be 1,000 characters or fewer')
    if (hasErrors(errors)) return this.render(req, res.status(400), description, errors)
    try {
      await this.declarationService.declare(
        meeting.id,
        { userId: req.user!.id, caseId: String(req.params.caseId), description: description || null },
        auditContext(req),
      )
    } catch (error) {
      if (!ServiceError.is(error, 'duplicate')) throw error
    }
    req.session.flash = [
      {
        type: 'success',
        title: `You declared an interest in ${caseRef}`,
        text: 'Its pack is no longer available to you, and you will not take part in its review.',
      },
    ]
    return res.redirect(paths.meetings.show(meeting.id))
  }

  /** Only an invited member, about a case on this agenda; anything else is refused without saying more. */
  private async caseRef(req: Request, res: Response): Promise<string> {
    const meeting = loadedMeeting(res)
    const caseId = String(req.params.caseId)
    if (!(await this.meetingService.isInvited(meeting.id, req.user!.id)))
      throw createError(403, 'Only the panel members invited to this meeting can declare an interest here')
    const item = (await this.agendaService.items(meeting.id)).find(i => i.caseId === caseId)
    if (!item) throw createError(403, 'That case is not on the agenda of a meeting you are invited to')
    return item.case.caseRef
  }

  private async render(req: Request, res: Response, description: string, errors: FormErrors) {
    const meeting = loadedMeeting(res)
    const caseRef = await this.caseRef(req, res)
    const caseId = String(req.params.caseId)
    res.render('pages/meetings/declare-interest', {
      meeting,
      text: describeMeeting(meeting),
      caseId,
      caseRef,
      alreadyDeclared: await this.meetingService.hasDeclaredInterest(meeting.id, caseId, req.user!.id),
      description,
      ...errors,
    })
  }
}
