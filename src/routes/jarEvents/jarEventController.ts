import { Request, Response } from 'express'
import createError from 'http-errors'
import type { JarEvent } from '../../db/models'
import { agencies, jarEventKinds } from '../../domain/codes'
import { formatGovukDate } from '../../domain/dates'
import { WITH_ATTENDEES } from '../../domain/jarEvents'
import paths from '../../paths'
import type JarEventService from '../../services/jarEventService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import { loadedCase } from '../cases/loadCase'
import { rawFromJarEvent, readJarEventForm, type RawJarEvent } from '../../forms/readJarEventForm'

/** An event's kind and date in words, for messages and page titles. */
export const describeJarEvent = (event: { kind: string; eventDate: string }) =>
  `${jarEventKinds.label(event.kind)} on ${formatGovukDate(event.eventDate)}`

/**
 * Adding, changing and removing the dated events of a case's joint agency response. Changes and
 * removals carry the version the page was opened on: a change made meanwhile is not overwritten.
 */
export default class JarEventController {
  constructor(private readonly jarEventService: JarEventService) {}

  newView = (_req: Request, res: Response): void => {
    this.renderForm(res, null, rawFromJarEvent(null), 0, noErrors())
  }

  create = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const { raw, input, errors } = readJarEventForm(req.body)
    if (!input) return this.renderForm(res.status(400), null, raw, 0, errors)
    try {
      const event = await this.jarEventService.add(record.id, input, auditContext(req))
      req.session.flash = [{ type: 'success', text: `${describeJarEvent(event)} recorded` }]
    } catch (error) {
      return this.refused(res, error, null, raw, 0)
    }
    return res.redirect(`${paths.cases.show(record.id)}#jar-events`)
  }

  editView = async (req: Request, res: Response): Promise<void> => {
    const event = await this.load(req, res)
    this.renderForm(res, event, rawFromJarEvent(event), event.version, noErrors())
  }

  update = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const event = await this.load(req, res)
    const version = this.version(req)
    const { raw, input, errors } = readJarEventForm(req.body)
    if (!input) return this.renderForm(res.status(400), event, raw, version, errors)
    try {
      const saved = await this.jarEventService.update(record.id, event.id, version, input, auditContext(req))
      req.session.flash = [{ type: 'success', text: `${describeJarEvent(saved)} saved` }]
    } catch (error) {
      return this.refused(res, error, event, raw, version)
    }
    return res.redirect(`${paths.cases.show(record.id)}#jar-events`)
  }

  removeView = async (req: Request, res: Response): Promise<void> => {
    const event = await this.load(req, res)
    this.renderRemove(res, event, event.version, noErrors())
  }

  remove = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const event = await this.load(req, res)
    const version = this.version(req)
    try {
      await this.jarEventService.remove(record.id, event.id, version, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'stale_version')) throw error
      const errors = noErrors()
      addError(
        errors,
        'remove',
        `${error.message}. Check the event below, then remove it if you still want to`,
        '#remove',
      )
      const current = error.details.current as JarEvent
      return this.renderRemove(res.status(409), current, current.version, errors)
    }
    req.session.flash = [{ type: 'success', text: `${describeJarEvent(event)} removed` }]
    return res.redirect(`${paths.cases.show(record.id)}#jar-events`)
  }

  /** A rule the service refused (date, once-only kind) or a change made meanwhile: the form again, as typed. */
  private refused(res: Response, error: unknown, event: JarEvent | null, raw: RawJarEvent, version: number) {
    if (ServiceError.is(error, 'not_found')) throw createError(404, error.message)
    if (!ServiceError.is(error)) throw error
    const errors = noErrors()
    if (error.code === 'stale_version') {
      const current = error.details.current as JarEvent
      addError(
        errors,
        'kind',
        `${error.message}: it is now ${describeJarEvent(current)}. Your changes are below: saving again replaces theirs`,
      )
      return this.renderForm(res.status(409), current, raw, current.version, errors)
    }
    const field = error.details.field === 'event_date' ? 'event_date' : 'kind'
    addError(errors, field, error.message, field === 'event_date' ? '#event_date-day' : '#kind')
    return this.renderForm(res.status(error.code === 'duplicate' ? 409 : 400), event, raw, version, errors)
  }

  private async load(req: Request, res: Response): Promise<JarEvent> {
    const event = await this.jarEventService.find(loadedCase(res).id, String(req.params.eventId))
    if (!event) throw createError(404, 'Event not found')
    return event
  }

  private version(req: Request): number {
    const version = Number(req.body.version)
    if (!Number.isInteger(version) || version < 0) throw createError(400, 'The form is missing its version')
    return version
  }

  private renderForm(res: Response, event: JarEvent | null, raw: RawJarEvent, version: number, errors: FormErrors) {
    res.render('pages/jar-events/form', {
      record: loadedCase(res),
      event,
      raw,
      version,
      kinds: jarEventKinds.items,
      agencyItems: agencies.items,
      withAttendees: WITH_ATTENDEES,
      hasErrors: hasErrors(errors),
      ...errors,
    })
  }

  private renderRemove(res: Response, event: JarEvent, version: number, errors: FormErrors) {
    res.render('pages/jar-events/remove', {
      record: loadedCase(res),
      event,
      title: describeJarEvent(event),
      version,
      ...errors,
    })
  }
}
