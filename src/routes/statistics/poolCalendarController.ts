import { Request, Response } from 'express'
import createError from 'http-errors'
import {
  DEFAULT_POOL_GRID,
  MAX_POOL_LENGTH,
  MIN_POOL_LENGTH,
  endedWindows,
  isValidGrid,
} from '../../domain/statistics/publicationCalendar'
import ServiceError from '../../services/serviceError'
import type PublicationService from '../../services/statistics/publicationService'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'

export const POOL_CALENDAR_PATH = paths.statistics.poolCalendar

const FIELDS = ['start_year', 'length'] as const
type Raw = Record<(typeof FIELDS)[number], string>

/** The calendar of pooled periods, administrators: the first year of the first window and the window length. */
export default class PoolCalendarController {
  constructor(private readonly publicationService: PublicationService) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    const { grid, version } = await this.publicationService.grid()
    this.render(res, { start_year: String(grid.startYear), length: String(grid.length) }, version, {})
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const body = req.body as Record<string, unknown>
    const version = Number(body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const raw: Raw = {
      start_year: typeof body.start_year === 'string' ? body.start_year.trim().slice(0, 20) : '',
      length: typeof body.length === 'string' ? body.length.trim().slice(0, 20) : '',
    }
    const errors: Partial<Raw> = {}
    if (!/^\d{4}$/.test(raw.start_year)) errors.start_year = 'Enter the year the first window starts, like 2008'
    if (!/^\d{1,2}$/.test(raw.length) || Number(raw.length) < MIN_POOL_LENGTH || Number(raw.length) > MAX_POOL_LENGTH) {
      errors.length = `Enter a window length from ${MIN_POOL_LENGTH} to ${MAX_POOL_LENGTH} years`
    }
    if (Object.keys(errors).length) return this.render(res.status(400), raw, version, errors)
    try {
      await this.publicationService.setGrid(
        { startYear: Number(raw.start_year), length: Number(raw.length) },
        version,
        auditContext(req),
      )
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      return this.render(res.status(409), raw, version, { start_year: error.message })
    }
    req.session.flash = [{ type: 'success', text: 'Calendar of pooled periods saved' }]
    return res.redirect(POOL_CALENDAR_PATH)
  }

  private render(res: Response, raw: Raw, version: number, errors: Partial<Raw>) {
    // The example follows what was typed only when it is a calendar at all: a length of -1 typed
    // into the form must not walk the years backwards for ever.
    const typed = { startYear: Number(raw.start_year), length: Number(raw.length) }
    const grid = isValidGrid(typed) ? typed : DEFAULT_POOL_GRID
    res.render('pages/statistics/calendar', {
      raw,
      version,
      formErrors: errors,
      errorSummary: FIELDS.filter(f => errors[f]).map(f => ({ text: errors[f], href: `#${f}` })),
      example: endedWindows(grid, '2030-31').reverse().slice(0, 3),
    })
  }
}
