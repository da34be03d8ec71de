import { Request, Response } from 'express'
import createError from 'http-errors'
import { caseSections, type CaseAttribute } from '../../forms/caseFields'
import { displayCaseValue } from '../../presenters/displayCaseValue'
import type { Case } from '../../db/models'
import { mergeRefusal } from '../../domain/caseMerge'
import { caseStatuses } from '../../domain/codes'
import type CaseMergeService from '../../services/caseMergeService'
import type CaseService from '../../services/caseService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import { loadedCase } from './loadCase'

type Choice = 'keep' | 'other'

/**
 * Merging two records of the same child: pick the other case (by reference, or from the possible
 * duplicates), compare every field side by side with a choice for each field that differs, confirm.
 * The case the merge starts from is kept. Plain forms: it all works without JavaScript.
 */
export default class MergeCasesController {
  constructor(
    private readonly caseService: CaseService,
    private readonly caseMergeService: CaseMergeService,
  ) {}

  pick = async (_req: Request, res: Response): Promise<void> => {
    await this.renderPick(res, loadedCase(res), '', noErrors())
  }

  find = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const ref = text(req.body, 'other_ref', 50).toUpperCase()
    const errors = noErrors()
    if (!ref) addError(errors, 'other_ref', 'Enter the reference of the other case, like CDOP-2025-0042')
    const other = ref ? await this.caseService.findByReference(ref) : null
    if (ref && !other) addError(errors, 'other_ref', `There is no case ${ref}: check the reference`)
    const refusal = other && mergeRefusal(record, other)
    if (refusal) addError(errors, 'other_ref', refusal.message)
    if (hasErrors(errors)) return this.renderPick(res.status(400), record, ref, errors)
    return res.redirect(303, paths.cases.mergeWith(record.id, other!.id))
  }

  compare = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const other = await this.other(req)
    const refusal = mergeRefusal(record, other)
    await this.renderCompare(req, res.status(refusal ? 409 : 200), record, other, {}, noErrors(), refusal?.message)
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const other = await this.other(req)
    const keepVersion = Number(req.body.keep_version)
    const otherVersion = Number(req.body.other_version)
    if (!Number.isInteger(keepVersion) || !Number.isInteger(otherVersion))
      throw createError(400, 'The form is missing the versions of the cases')
    const refusal = mergeRefusal(record, other)
    if (refusal) return this.renderCompare(req, res.status(409), record, other, {}, noErrors(), refusal.message)
    const differing = this.caseMergeService.differingFields(record, other)
    const choices: Record<string, Choice> = {}
    const errors = noErrors()
    differing.forEach(field => {
      const value = text(req.body, `choice_${field.name}`, 10)
      if (value === 'keep' || value === 'other') choices[field.name] = value
      else
        addError(
          errors,
          `choice_${field.name}`,
          `Choose which value of “${field.label.replace(/ \(optional\)$/, '')}” to keep`,
        )
    })
    if (text(req.body, 'confirm', 5) !== 'yes')
      addError(errors, 'confirm', `Confirm that ${record.caseRef} and ${other.caseRef} are the same child`)
    if (hasErrors(errors)) return this.renderCompare(req, res.status(400), record, other, choices, errors)
    try {
      const takeFromOther = differing.filter(f => choices[f.name] === 'other').map(f => f.attr as CaseAttribute)
      const { kept } = await this.caseMergeService.merge(
        record.id,
        other.id,
        { keepVersion, otherVersion, takeFromOther },
        auditContext(req),
      )
      req.session.flash = [
        {
          type: 'success',
          title: `Case ${other.caseRef} merged into ${kept.caseRef}`,
          text: `Its history, agency requests and reviews are now on this case; ${other.caseRef} leads here.`,
        },
      ]
      return res.redirect(303, paths.cases.show(kept.id))
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      if (error.code === 'not_found') throw createError(404, 'Case not found')
      const again = noErrors()
      addError(
        again,
        'confirm',
        error.code === 'stale_version' ? `${error.message}: check the comparison again` : error.message,
      )
      const [freshKeep, freshOther] = await Promise.all([
        this.caseService.findById(record.id),
        this.caseService.findById(other.id),
      ])
      if (!freshKeep || !freshOther) throw createError(404, 'Case not found')
      return this.renderCompare(
        req,
        res.status(error.code === 'stale_version' ? 409 : 400),
        freshKeep,
        freshOther,
        choices,
        again,
      )
    }
  }

  private async other(req: Request): Promise<Case> {
    const other = await this.caseService.findById(String(req.params.otherId))
    if (!other) throw createError(404, 'Case not found')
    return other
  }

  private async renderPick(res: Response, record: Case, ref: string, errors: FormErrors) {
    const duplicates = await this.caseService.findPossibleDuplicates(record, record.id)
    res.render('pages/cases/merge-pick', { record, ref, duplicates, ...errors })
  }

  private async renderCompare(
    req: Request,
    res: Response,
    record: Case,
    other: Case,
    choices: Record<string, Choice>,
    errors: FormErrors,
    refusal?: string,
  ) {
    const differing = new Set(this.caseMergeService.differingFields(record, other).map(f => f.name))
    // Every field side by side, section by section as the case page has them; a choice only where they differ.
    const sections = caseSections.map(section => ({
      title: section.title,
      rows: section.fields.map(field => {
        const keepText = displayCaseValue(field, record.get(field.attr))
        const otherText = displayCaseValue(field, other.get(field.attr))
        if (!differing.has(field.name)) return { field, same: true as const, keepText, otherText }
        // By default keep what is recorded: this case's value, or the other's where this has none.
        const keepEmpty = record.get(field.attr) == null || record.get(field.attr) === ''
        const chosen = choices[field.name] ?? (keepEmpty ? 'other' : 'keep')
        return { field, same: false as const, name: `choice_${field.name}`, keepText, otherText, chosen }
      }),
    }))
    // Both records are shown in full, identifiers included: a view of each, audited.
    if (!refusal) {
      await this.caseService.recordView(record.id, auditContext(req))
      await this.caseService.recordView(other.id, auditContext(req))
    }
    res.render('pages/cases/merge-compare', {
      record,
      other,
      sections,
      same: differing.size === 0,
      keepStatus: caseStatuses.label(record.status),
      otherStatus: caseStatuses.label(other.status),
      refusal,
      ...errors,
    })
  }
}
