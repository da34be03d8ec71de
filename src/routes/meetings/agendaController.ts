import { Request, Response } from 'express'
import createError from 'http-errors'
import { expectedness, sexes } from '../../domain/codes'
import { formatGovukDate } from '../../domain/dates'
import type AgendaService from '../../services/meetings/agendaService'
import { ageBandLabel } from '../../services/meetings/packService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, list, noErrors } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { loadedMeeting } from './loadMeeting'
import { describeMeeting } from './meetingText'

/** Builds the agenda from cases ready for panel, orders it, and takes cases off it. */
export default class AgendaController {
  constructor(private readonly agendaService: AgendaService) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    await this.render(res, [], noErrors())
  }

  add = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const chosen = [...new Set(list(req.body, 'cases'))]
    const errors = noErrors()
    if (!chosen.length) addError(errors, 'cases', 'Select the cases to add to the agenda')
    if (hasErrors(errors)) return this.render(res.status(400), chosen, errors)
    try {
      const added = await this.agendaService.add(meeting.id, chosen, auditContext(req))
      req.session.flash = [
        {
          type: 'success',
          text: `${added.map(c => c.caseRef).join(', ')} added to the agenda and scheduled for this meeting`,
        },
      ]
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      addError(errors, 'cases', error.message)
      return this.render(res.status(409), chosen, errors)
    }
    return res.redirect(`${paths.meetings.show(meeting.id)}#agenda`)
  }

  move = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    const direction = req.body.direction
    if (direction !== 'up' && direction !== 'down') throw createError(400, 'Choose to move the case up or down')
    try {
      await this.agendaService.move(meeting.id, String(req.params.itemId), direction, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      req.session.flash = [{ type: 'information', title: 'Nothing was changed', text: error.message }]
    }
    res.redirect(`${paths.meetings.show(meeting.id)}#agenda`)
  }

  remove = async (req: Request, res: Response): Promise<void> => {
    const meeting = loadedMeeting(res)
    try {
      const record = await this.agendaService.remove(meeting.id, String(req.params.itemId), auditContext(req))
      req.session.flash = [
        { type: 'success', text: `${record.caseRef} removed from the agenda. It is ready for panel again` },
      ]
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      req.session.flash = [{ type: 'information', title: 'Nothing was changed', text: error.message }]
    }
    res.redirect(`${paths.meetings.show(meeting.id)}#agenda`)
  }

  private async render(res: Response, chosen: string[], errors: FormErrors) {
    const meeting = loadedMeeting(res)
    const ready = await this.agendaService.readyCases()
    res.render('pages/meetings/agenda-add', {
      meeting,
      text: describeMeeting(meeting),
      chosen,
      cases: ready.map(c => ({
        id: c.id,
        caseRef: c.caseRef,
        ageBand: ageBandLabel(c),
        sex: sexes.label(c.sex),
        expected: expectedness.label(c.expected),
        dateOfDeath: formatGovukDate(c.dateOfDeath),
      })),
      ...errors,
    })
  }
}
