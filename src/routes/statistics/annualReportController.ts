import { Request, Response } from 'express'
import createError from 'http-errors'
import type AnnualReportService from '../../services/annualReport/annualReportService'
import ServiceError from '../../services/serviceError'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import { mayProduceUnsuppressed } from './readReleaseQuery'

export const ANNUAL_REPORT_LINK_TEXT = {
  published: 'Annual report for the board (Word document, from the published release)',
  unsuppressed: 'Confidential annual report with exact figures (Word document)',
} as const

export const annualReportHref = (year: string, mode: 'published' | 'unsuppressed'): string =>
  `${paths.annualReport.download}?${new URLSearchParams(mode === 'unsuppressed' ? { year, mode } : { year }).toString()}`

/** A query parameter as one string: absent is empty; repeated or nested is refused. */
function param(req: Request, name: string): string {
  const value: unknown = req.query[name]
  if (value === undefined) return ''
  if (typeof value !== 'string') throw createError(400, `Send ${name} once, as text`)
  if (value.length > 100) throw createError(400, `${name} is too long`)
  return value.trim()
}

/**
 * The annual report as a Word document. Everyone who may see the statistics may download the
 * published version: it is made only of the year's published release and of learning the
 * coordinator has curated for publication. The unsuppressed version is for coordinators and
 * administrators only, and is audited.
 */
export default class AnnualReportController {
  constructor(private readonly annualReportService: AnnualReportService) {}

  download = async (req: Request, res: Response): Promise<void> => {
    const year = param(req, 'year')
    if (!year) throw createError(400, 'Say which financial year, like year=2016-17')
    const mode = param(req, 'mode') || 'published'
    if (mode !== 'published' && mode !== 'unsuppressed') {
      throw createError(400, 'Mode must be published or unsuppressed')
    }
    if (mode === 'unsuppressed' && !mayProduceUnsuppressed(req.user)) {
      throw createError(403, 'Only coordinators and administrators can have the unsuppressed annual report')
    }
    let file
    try {
      file = await this.annualReportService.produce({ year, mode }, 'web', auditContext(req))
    } catch (error) {
      if (ServiceError.is(error, 'invalid')) throw createError(400, error.message)
      if (ServiceError.is(error, 'not_found')) throw createError(404, error.message)
      if (ServiceError.is(error, 'refused')) throw createError(409, error.message)
      throw error
    }
    res.set('Content-Type', file.contentType)
    res.attachment(file.fileName)
    res.send(file.body)
  }
}
