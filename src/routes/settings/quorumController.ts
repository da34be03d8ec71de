import { Request, Response } from 'express'
import createError from 'http-errors'
import { meetingCapacities, type MeetingCapacity } from '../../domain/codes'
import type { QuorumRule } from '../../domain/quorum'
import type QuorumRuleService from '../../services/meetings/quorumRuleService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, list, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'
import paths from '../../paths'

interface Raw {
  minimum_members: string
  required_capacities: string[]
}

const rawFrom = (rule: QuorumRule): Raw => ({
  minimum_members: String(rule.minimumMembers),
  required_capacities: [...rule.requiredCapacities],
})

const describe = (rule: QuorumRule) =>
  `at least ${rule.minimumMembers} present${
    rule.requiredCapacities.length
      ? `, including ${rule.requiredCapacities.map(c => meetingCapacities.label(c).toLowerCase()).join(', ')}`
      : ''
  }`

/** The quorum rule of the panel's terms of reference: the minimum number present and the capacities required. */
export default class QuorumController {
  constructor(private readonly quorumRuleService: QuorumRuleService) {}

  view = async (_req: Request, res: Response): Promise<void> => {
    const { rule, version } = await this.quorumRuleService.current()
    this.render(res, rawFrom(rule), version, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const version = Number(req.body.version)
    if (!Number.isInteger(version)) throw createError(400, 'The form is missing its version')
    const raw: Raw = {
      minimum_members: text(req.body, 'minimum_members', 20),
      required_capacities: [...new Set(list(req.body, 'required_capacities'))],
    }
    const errors = noErrors()
    const minimum = Number(raw.minimum_members)
    if (!raw.minimum_members) addError(errors, 'minimum_members', 'Enter the minimum number of people present')
    else if (!/^\d+$/.test(raw.minimum_members))
      addError(errors, 'minimum_members', 'Minimum number must be a whole number, like 5')
    else if (minimum < 1 || minimum > 50) addError(errors, 'minimum_members', 'Minimum number must be between 1 and 50')
    if (raw.required_capacities.some(code => !meetingCapacities.has(code)))
      addError(errors, 'required_capacities', 'Select capacities from the list')
    if (hasErrors(errors)) return this.render(res.status(400), raw, version, errors)
    const rule: QuorumRule = {
      minimumMembers: minimum,
      requiredCapacities: meetingCapacities.codes.filter(code => raw.required_capacities.includes(code)),
    }
    try {
      await this.quorumRuleService.update(rule, version, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error, 'stale_version')) throw error
      const current = error.details.current as { rule: QuorumRule; version: number }
      addError(
        errors,
        'minimum_members',
        `${error.message}. The rule is now ${describe(current.rule)}. Check your changes, then save again`,
      )
      return this.render(res.status(409), raw, current.version, errors)
    }
    req.session.flash = [{ type: 'success', text: `Quorum rule saved: ${describe(rule)}` }]
    return res.redirect(paths.settings.quorum)
  }

  private render(res: Response, raw: Raw, version: number, errors: FormErrors) {
    res.render('pages/settings/quorum', {
      raw,
      version,
      capacities: meetingCapacities.items as { code: MeetingCapacity; label: string }[],
      ...errors,
    })
  }
}
