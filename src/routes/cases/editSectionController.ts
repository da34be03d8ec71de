import { Request, Response } from 'express'
import createError from 'http-errors'
import { CaseSection, sectionById } from '../../forms/caseFields'
import { displayCaseValue } from '../../presenters/displayCaseValue'
import { RawValues, rawFromCase, readCaseForm } from '../../forms/readCaseForm'
import type { Case } from '../../db/models'
import type CaseService from '../../services/caseService'
import ServiceError from '../../services/serviceError'
import { type ConflictRow, conflictErrors, startedFrom } from '../../forms/staleEdit'
import { FormErrors, hasErrors, noErrors } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'
import { loadedCase } from './loadCase'

/** Edits one section of a case, refusing to overwrite a save made by someone else meanwhile. */
export default class EditSectionController {
  constructor(private readonly caseService: CaseService) {}

  view = (req: Request, res: Response): void => {
    const record = loadedCase(res)
    const section = this.section(req)
    const raw = rawFromCase(section.fields, record.get())
    this.render(res, record, section, raw, raw, record.version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const section = this.section(req)
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const started = startedFrom<RawValues>(req.body, true)
    const { raw, values, errors } = readCaseForm(section.fields, req.body, record.get(), this.caseService.today())
    if (hasErrors(errors)) return this.render(res.status(400), record, section, raw, started, version, errors)
    try {
      const attrs = section.fields.map(field => field.attr)
      await this.caseService.updateSection(record.id, section.id, values, attrs, version, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'stale_version')) throw error
      const current = error.details.current as Case
      const conflicts = this.differences(section, started, current, values)
      const errors = conflictErrors('saved this case')
      // Their input stays in the form; saving again now applies it on top of the newer version.
      return this.render(
        res.status(409),
        current,
        section,
        raw,
        rawFromCase(section.fields, current.get()),
        current.version,
        errors,
        conflicts,
      )
    }
    req.session.flash = [{ type: 'success', text: `Your changes to ‘${section.title}’ have been saved` }]
    return res.redirect(paths.cases.show(record.id))
  }

  private section(req: Request): CaseSection {
    const section = sectionById(String(req.params.section))
    if (!section) throw createError(404, 'No such section')
    return section
  }

  /**
   * What the other person changed: each field whose stored value now differs from the value this
   * person's form started from, with what they typed beside it.
   */
  private differences(
    section: CaseSection,
    started: RawValues,
    current: Case,
    submitted: Record<string, unknown>,
  ): ConflictRow[] {
    const before = readCaseForm(section.fields, started, current.get(), this.caseService.today()).values as Record<
      string,
      unknown
    >
    const now = rawFromCase(section.fields, current.get())
    return section.fields
      .filter(field => {
        const keys = field.kind === 'date' ? ['day', 'month', 'year'].map(p => `${field.name}-${p}`) : [field.name]
        // Checkbox answers are lists: compare them as a whole.
        return keys.some(key => JSON.stringify(started[key] ?? '') !== JSON.stringify(now[key] ?? ''))
      })
      .map(field => ({
        label: field.label,
        before: displayCaseValue(field, before[field.attr]),
        theirs: displayCaseValue(field, current.get(field.attr)),
        yours: displayCaseValue(field, submitted[field.attr]),
      }))
  }

  private render(
    res: Response,
    record: Case,
    section: CaseSection,
    raw: RawValues,
    started: RawValues,
    version: number,
    errors: FormErrors,
    conflicts?: ConflictRow[],
  ) {
    res.render('pages/cases/edit-section', {
      record,
      section,
      raw,
      startedFrom: JSON.stringify(started),
      version,
      conflicts,
      ...errors,
    })
  }
}
