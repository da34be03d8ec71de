import { Request, Response } from 'express'
import createError from 'http-errors'
import type { AgencyLead } from '../../db/models'
import { agencies } from '../../domain/codes'
import paths from '../../paths'
import type AgencyLeadService from '../../services/agencyRequests/agencyLeadService'
import { isLeadAgency } from '../../services/agencyRequests/agencyLeadService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, noErrors, text } from '../../utils/formErrors'
import { auditContext } from '../auditContextOf'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

interface Raw {
  lead_name: string
  lead_email: string
}

const rawFrom = (lead: AgencyLead | null): Raw => ({
  lead_name: lead?.leadName ?? '',
  lead_email: lead?.leadEmail ?? '',
})

/**
 * The named lead of each agency, to whom the reminder job escalates a report still outstanding
 * after its overdue reminder. Saving with both boxes empty, or "Remove", takes the lead away.
 */
export default class AgencyLeadsController {
  constructor(private readonly agencyLeadService: AgencyLeadService) {}

  list = async (_req: Request, res: Response): Promise<void> => {
    res.render('pages/settings/agency-leads', { rows: await this.agencyLeadService.list() })
  }

  view = async (req: Request, res: Response): Promise<void> => {
    const agency = this.agency(req)
    const lead = await this.agencyLeadService.find(agency)
    this.render(res, agency, lead, rawFrom(lead), lead?.version ?? 0, noErrors())
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const agency = this.agency(req)
    const version = Number(req.body.version)
    if (!Number.isInteger(version) || version < 0) throw createError(400, 'The form is missing its version')
    const removing = text(req.body, 'action', 20) === 'remove'
    const raw: Raw = { lead_name: text(req.body, 'lead_name', 400), lead_email: text(req.body, 'lead_email', 400) }
    const errors = noErrors()
    const label = agencies.label(agency)
    if (!removing) {
      if (!raw.lead_name) addError(errors, 'lead_name', `Enter the name of the lead for ${label}`)
      else if (raw.lead_name.length > 200) addError(errors, 'lead_name', 'Name must be 200 characters or fewer')
      if (!raw.lead_email) addError(errors, 'lead_email', `Enter the email address of the lead for ${label}`)
      else if (raw.lead_email.length > 320 || !EMAIL.test(raw.lead_email))
        addError(errors, 'lead_email', 'Enter an email address in the correct format, like name@example.com')
    }
    const current = await this.agencyLeadService.find(agency)
    if (hasErrors(errors)) return this.render(res.status(400), agency, current, raw, version, errors)
    try {
      await this.agencyLeadService.save(
        agency,
        removing ? null : { name: raw.lead_name, email: raw.lead_email },
        version,
        auditContext(req),
      )
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      const latest = (error.details.current as AgencyLead | null | undefined) ?? null
      const message =
        error.code === 'stale_version'
          ? `${error.message}. ${latest ? `The lead is now ${latest.leadName} (${latest.leadEmail})` : 'There is now no lead'}. Check your changes, then save again`
          : error.message
      addError(errors, 'lead_name', message)
      return this.render(res.status(409), agency, latest, raw, latest?.version ?? 0, errors)
    }
    req.session.flash = [
      {
        type: 'success',
        text: removing ? `${label} has no lead contact now` : `Lead contact for ${label} saved: ${raw.lead_name}`,
      },
    ]
    return res.redirect(paths.settings.agencyLeads)
  }

  private agency(req: Request) {
    const agency = String(req.params.agency ?? '')
    if (!isLeadAgency(agency)) throw createError(404, 'Agency not found')
    return agency
  }

  private render(
    res: Response,
    agency: string,
    lead: AgencyLead | null,
    raw: Raw,
    version: number,
    errors: FormErrors,
  ) {
    res.render('pages/settings/agency-lead', { agency, label: agencies.label(agency), lead, raw, version, ...errors })
  }
}
