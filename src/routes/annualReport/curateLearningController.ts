import { Request, Response } from 'express'
import createError from 'http-errors'
import type { LearningDecision } from '../../db/models/ReportLearningItem'
import type ReportLearningService from '../../services/report/reportLearningService'
import { CURATED_TEXT_MAX, type LearningSource } from '../../services/report/reportLearningService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import {
  conflictErrors,
  conflictRows,
  type ConflictRow,
  type StaleEditQuestion,
  startedFrom,
} from '../../forms/staleEdit'

type Raw = { decision: string; curated_text: string }

/** The decision as it was when the page was opened, and the wording then. */
const rawFrom = (source: LearningSource): Raw => ({
  decision: source.decision ?? '',
  curated_text: source.curatedText ?? source.originalText,
})

const DECISION_TEXT: Record<string, string> = { include: 'Include', leave_out: 'Leave it out' }

/** What the stale-edit table compares (src/forms/staleEdit.ts). */
const QUESTIONS: StaleEditQuestion<Raw>[] = [
  { label: 'In the annual report', show: raw => DECISION_TEXT[raw.decision] ?? 'Not decided' },
  { label: 'Wording for the report', show: raw => raw.curated_text ?? '' },
]

const DECISIONS: LearningDecision[] = ['include', 'leave_out']

/** The learning page of a year. */
const learningOf = (year: string) => `${paths.annualReport.learning}?year=${encodeURIComponent(year)}`

/** "none" before the first decision, else the decision's version; anything else is a tampered form. */
function readVersion(body: unknown): number | null | undefined {
  const raw = text(body, 'version', 12)
  if (raw === 'none') return null
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined
}

/**
 * One learning point or recommendation: its original text (an audited view of identifiable data)
 * and the coordinator's decision, with the wording for the report prefilled from the original.
 */
export default class CurateLearningController {
  constructor(private readonly reportLearningService: ReportLearningService) {}

  view = async (req: Request, res: Response): Promise<void> => {
    const source = await this.load(req)
    const raw = rawFrom(source)
    this.render(res, source, raw, raw, source.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const source = await this.load(req)
    const version = readVersion(req.body)
    if (version === undefined) throw createError(400, 'The form is missing its version')
    const started = startedFrom<Raw>(req.body)
    const raw: Raw = {
      decision: text(req.body, 'decision', 20),
      curated_text: text(req.body, 'curated_text', 100_000),
    }
    const errors = noErrors()
    if (!DECISIONS.includes(raw.decision as LearningDecision))
      addError(errors, 'decision', 'Select whether to include this in the annual report')
    if (raw.curated_text.length > CURATED_TEXT_MAX)
      addError(errors, 'curated_text', 'The wording for the report must be 4,000 characters or fewer')
    else if (raw.decision === 'include' && !raw.curated_text)
      addError(errors, 'curated_text', 'Enter the wording for the report, or choose to leave it out')
    if (hasErrors(errors)) return this.render(res.status(400), source, raw, started, version, errors)
    try {
      await this.reportLearningService.decide(
        source.sourceType,
        source.sourceId,
        { decision: raw.decision as LearningDecision, curatedText: raw.curated_text || null },
        version,
        auditContext(req),
      )
    } catch (error) {
      if (ServiceError.is(error, 'invalid')) {
        addError(errors, String(error.details.field ?? 'curated_text'), error.message)
        return this.render(res.status(400), source, raw, started, version, errors)
      }
      if (!ServiceError.is(error, 'stale_version')) throw error
      const current = await this.load(req)
      const now = rawFrom(current)
      conflictErrors('decided on this learning point', errors)
      const conflicts = conflictRows(QUESTIONS, { started, current: now, typed: raw })
      return this.render(res.status(409), current, raw, now, current.version, errors, conflicts)
    }
    req.session.flash = [
      {
        type: 'success',
        text: raw.decision === 'include' ? 'Included in the annual report' : 'Left out of the annual report',
      },
    ]
    return res.redirect(learningOf(source.financialYear))
  }

  private async load(req: Request): Promise<LearningSource> {
    const source = await this.reportLearningService.source(
      String(req.params.sourceType),
      String(req.params.sourceId),
      auditContext(req),
    )
    if (!source) throw createError(404, 'Learning point not found')
    return source
  }

  private render(
    res: Response,
    source: LearningSource,
    raw: Raw,
    started: Raw,
    version: number | null,
    errors: FormErrors,
    conflicts?: ConflictRow[],
  ) {
    res.render('pages/annual-report/curate', {
      source,
      raw,
      startedFrom: JSON.stringify(started),
      version: version === null ? 'none' : String(version),
      conflicts,
      action: paths.annualReport.curate(source.sourceType, source.sourceId),
      backLink: learningOf(source.financialYear),
      maxLength: CURATED_TEXT_MAX,
      ...errors,
    })
  }
}
