import { Request, Response } from 'express'
import type { Case } from '../../db/models'
import { agencies, type Agency } from '../../domain/codes'
import { addDays, compareIsoDates } from '../../domain/dates'
import { dateInputValues, readDateInput, yearsFromToday } from '../../utils/dateInput'
import type AgencyRequestService from '../../services/agencyRequests/agencyRequestService'
import type { NewContact } from '../../services/agencyRequests/agencyRequestService'
import type { DeliveryResult } from '../../services/mail/outboxService'
import ServiceError from '../../services/serviceError'
import { addError, FormErrors, hasErrors, list, noErrors, text } from '../../utils/formErrors'
import paths from '../../paths'
import { auditContext } from '../auditContextOf'
import { loadedCase } from '../cases/loadCase'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

type Raw = Record<string, string | string[]>

/** A sentence listing names: "GP", "GP and Police", "GP, Police and Education". */
const listed = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '')

/**
 * "Request information": one or more agencies, each with a contact, and one due date. Each
 * agency's contact fields sit under its checkbox (revealed with JavaScript, all shown without),
 * so the whole request is one submission that works in any browser.
 */
export default class NewRequestController {
  constructor(private readonly agencyRequestService: AgencyRequestService) {}

  view = (_req: Request, res: Response): void => {
    this.render(
      res,
      loadedCase(res),
      dateInputValues('due_date', this.agencyRequestService.defaultDueDate()),
      noErrors(),
    )
  }

  submit = async (req: Request, res: Response): Promise<void> => {
    const record = loadedCase(res)
    const { raw, contacts, dueDate, errors } = this.read(req.body)
    if (hasErrors(errors)) return this.render(res.status(400), record, raw, errors)
    let sent
    try {
      sent = await this.agencyRequestService.send(record.id, dueDate!, contacts, auditContext(req))
    } catch (error) {
      if (!ServiceError.is(error)) throw error
      const field = error.code === 'duplicate' ? `contact_email_${String(error.details.agency)}` : 'agencies'
      addError(errors, field, error.message)
      return this.render(res.status(error.code === 'duplicate' ? 409 : 400), record, raw, errors)
    }
    const names = listed(contacts.map(c => (c.agency === 'other' ? c.agencyOther! : agencies.label(c.agency))))
    req.session.flash = [
      {
        type: 'success',
        title: `${contacts.length === 1 ? 'Request' : 'Requests'} sent to ${names}`,
        text: [
          deliveryNote(sent.delivery),
          sent.movedToInformationGathering ? 'The case is now in information gathering.' : '',
        ]
          .filter(Boolean)
          .join(' '),
      },
    ]
    return res.redirect(paths.agencyRequests.list(record.id))
  }

  private read(body: unknown) {
    const errors = noErrors()
    const chosen = [...new Set(list(body, 'agencies'))].filter((code): code is Agency => agencies.has(code))
    const raw: Raw = { agencies: chosen }
    const contacts: NewContact[] = []
    if (!chosen.length) addError(errors, 'agencies', 'Select at least one agency to ask for information')
    // In the order of the list, so the error summary follows the page.
    for (const agency of agencies.codes.filter(code => chosen.includes(code))) {
      const label = agencies.label(agency)
      const other = agency === 'other' ? text(body, 'agency_other', 300) : null
      const name = text(body, `contact_name_${agency}`, 300)
      const email = text(body, `contact_email_${agency}`, 400)
      Object.assign(raw, { [`contact_name_${agency}`]: name, [`contact_email_${agency}`]: email })
      if (agency === 'other') {
        raw.agency_other = other ?? ''
        if (!other) addError(errors, 'agency_other', 'Enter the name of the other agency')
        else if (other.length > 200) addError(errors, 'agency_other', 'Agency name must be 200 characters or fewer')
      }
      if (!name) addError(errors, `contact_name_${agency}`, `Enter the name of the contact at ${label}`)
      else if (name.length > 200)
        addError(errors, `contact_name_${agency}`, 'Contact name must be 200 characters or fewer')
      if (!email) addError(errors, `contact_email_${agency}`, `Enter the email address of the contact at ${label}`)
      else if (email.length > 320 || !EMAIL.test(email))
        addError(
          errors,
          `contact_email_${agency}`,
          'Enter an email address in the correct format, like name@example.com',
        )
      contacts.push({ agency, agencyOther: other, contactName: name, contactEmail: email })
    }
    const due = readDateInput(body, 'due_date', 'the date the report is due', {
      required: true,
      latest: yearsFromToday(1),
    })
    Object.assign(raw, due.raw)
    let dueDate: string | null = null
    const today = this.agencyRequestService.today()
    if (due.error) addError(errors, 'due_date', due.error.text, due.error.href)
    else if (compareIsoDates(due.value!, today) <= 0)
      addError(errors, 'due_date', 'The date the report is due must be in the future', '#due_date-day')
    else if (compareIsoDates(due.value!, addDays(today, 366)) > 0)
      addError(errors, 'due_date', 'The date the report is due must be within a year', '#due_date-day')
    else dueDate = due.value
    return { raw, contacts, dueDate, errors }
  }

  private render(res: Response, record: Case, raw: Raw, errors: FormErrors) {
    res.render('pages/agency-requests/new', {
      record,
      raw,
      agencyItems: agencies.items,
      canRequest: this.agencyRequestService.canRequest(record),
      ...errors,
    })
  }
}

/** What happened to the e-mails, in a sentence for the banner. */
export function deliveryNote(delivery: DeliveryResult): string {
  if (delivery.stored)
    return 'No mail server is set up, so the emails are in the outbox: send each link to its contact yourself.'
  if (delivery.retrying || delivery.failed)
    return 'Some emails could not be sent yet. The service will keep trying: see the outbox.'
  return 'The emails have been sent.'
}
