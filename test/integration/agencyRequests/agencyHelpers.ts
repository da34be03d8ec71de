import { Op } from 'sequelize'
import type { AgencyRequest } from '../../../src/db/models'
import { addDays, todayInLondon } from '../../../src/domain/dates'
import { Agent, submitForm } from '../../helpers/agent'
import type { TestApp } from '../../helpers/testApp'

export interface Contact {
  agency: string
  name: string
  email: string
  other?: string
}

export const GP: Contact = { agency: 'gp', name: 'Dr Pat Practice', email: 'pat.practice@gp.example.org' }
export const POLICE: Contact = { agency: 'police', name: 'DS Lee Officer', email: 'lee.officer@police.example.org' }

/** The "Request information" form as a browser posts it. */
export function requestFields(contacts: Contact[], dueDate = addDays(todayInLondon(new Date()), 28)) {
  const [year, month, day] = dueDate.split('-')
  const fields: Record<string, string | string[]> = {
    agencies: contacts.map(c => c.agency),
    'due_date-day': day,
    'due_date-month': month,
    'due_date-year': year,
  }
  contacts.forEach(c => {
    fields[`contact_name_${c.agency}`] = c.name
    fields[`contact_email_${c.agency}`] = c.email
    if (c.other) fields.agency_other = c.other
  })
  return fields
}

/** Sends requests through the coordinator's page; returns the response and the requests made. */
export async function sendRequests(t: TestApp, agent: Agent, caseId: string, contacts: Contact[], dueDate?: string) {
  const response = await submitForm(agent, `/cases/${caseId}/requests/new`, requestFields(contacts, dueDate))
  const requests = await t.db.models.AgencyRequest.findAll({ where: { caseId }, order: [['createdAt', 'ASC']] })
  return { response, requests }
}

/** The secure link in the newest request e-mail of a request: read from the outbox, as a coordinator would. */
export async function linkFor(t: TestApp, request: AgencyRequest): Promise<string> {
  const message = await t.db.models.OutboxMessage.findOne({
    where: { requestId: request.id, kind: 'agency_request', bodyText: { [Op.like]: '%/agency/%' } },
    order: [['createdAt', 'DESC']],
  })
  const match = /\/agency\/[A-Za-z0-9_-]{43}/.exec(message?.bodyText ?? '')
  if (!match) throw new Error('No link in the outbox for this request')
  return match[0]
}

/** A complete agency report as the form posts it, for an agency that knew the child. */
export function reportFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    reporter_name: 'Dr Pat Practice',
    reporter_role: 'GP partner',
    reporter_phone: '01632 960123',
    agency_involvement: 'yes',
    mode_of_death: 'found_dead_or_collapsed',
    resuscitation_attempted: 'yes',
    place_of_death: 'home',
    events: 'none_known',
    circumstances: 'given',
    circumstances_details: 'Seen at the surgery two weeks before with a cough.',
    child: 'given',
    child_details: 'Immunisations up to date. No long-term conditions.',
    child_height_cm: '82.5',
    child_weight_kg: '11.2',
    family_factors: ['smoking', 'housing'],
    poverty: 'not_known',
    barriers_to_services: 'no',
    family: 'not_known',
    parenting: 'not_applicable',
    child_protection_plan: 'no',
    looked_after: 'no',
    bereavement_support: 'yes',
    bereavement_details: 'Referred to the local bereavement service.',
    services: 'given',
    services_details: 'Registered with the practice since birth.',
    ...overrides,
  }
}

/** Audit rows of one action, oldest first. */
export const auditRows = (t: TestApp, action: string) =>
  t.db.models.AuditEvent.findAll({ where: { action }, order: [['id', 'ASC']] })
