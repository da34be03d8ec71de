import { Op } from 'sequelize'
import type { Config } from '../config'
import type { Database } from '../db'
import type { AgencyRequest, Case } from '../db/models'
import type { Agency, JarEventKind } from '../domain/codes'
import { addDays, compareIsoDates, todayInLondon } from '../domain/dates'
import { createServices } from '../services'
import AgencyRequestService from '../services/agencyRequests/agencyRequestService'
import type { NewContact } from '../services/agencyRequests/agencyRequestService'
import { readReport, type Answers } from '../services/agencyRequests/reportForm'
import type { AuditContext } from '../services/auditContext'
import ReminderJob from '../services/jobs/reminderJob'
import OutboxService from '../services/mail/outboxService'

export interface DemoAgencyResult {
  requests: number
  received: number
  overdue: number
  escalated: number
  jarEvents: number
}

const LEADS: { agency: Agency; name: string; email: string }[] = [
  { agency: 'gp', name: 'Dr Morgan Lead', email: 'gp.lead@demo.example' },
  { agency: 'police', name: 'DI Alex Lead', email: 'police.lead@demo.example' },
  { agency: 'childrens_social_care', name: 'Jordan Lead', email: 'social.care.lead@demo.example' },
  { agency: 'education', name: 'Sam Lead', email: 'education.lead@demo.example' },
]

const CONTACTS: Record<string, Omit<NewContact, 'agency' | 'agencyOther'>> = {
  gp: { contactName: 'Dr Pat Practice', contactEmail: 'gp@demo.example' },
  health_visiting: { contactName: 'Robin Visitor', contactEmail: 'health.visiting@demo.example' },
  police: { contactName: 'DS Lee Officer', contactEmail: 'police@demo.example' },
  childrens_social_care: { contactName: 'Casey Worker', contactEmail: 'social.care@demo.example' },
  education: { contactName: 'Sam Teacher', contactEmail: 'school@demo.example' },
  hospital_paediatrics: { contactName: 'Dr Jo Ward', contactEmail: 'paediatrics@demo.example' },
}

/** A complete report as the form posts it, read through the form's own rules so it is one the app accepts. */
function demoReport(involved: boolean): Answers {
  const body = involved
    ? {
        reporter_name: 'Dr Pat Practice',
        reporter_role: 'GP partner',
        reporter_phone: '01632 960123',
        agency_involvement: 'yes',
        mode_of_death: 'found_dead_or_collapsed',
        resuscitation_attempted: 'yes',
        place_of_death: 'home',
        events: 'none_known',
        circumstances: 'given',
        circumstances_details: 'Seen at the surgery two weeks before with a cough; no concerns recorded.',
        child: 'given',
        child_details: 'Immunisations up to date. No long-term conditions.',
        child_height_cm: '82.5',
        child_weight_kg: '11.2',
        family_factors: ['smoking'],
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
      }
    : { reporter_name: 'Robin Visitor', reporter_role: 'Health visitor', agency_involvement: 'no' }
  const { answers, errors } = readReport(body, 'submit')
  if (errors.errorSummary.length) throw new Error(`The demo report is refused: ${errors.errorSummary[0].text}`)
  return answers
}

/**
 * Requests for information in every state, with agency reports, reminders and an escalation, agency
 * leads, and joint agency response events, on a few of the demo cases: all made through the
 * services, so they keep every rule the app enforces. Overdue requests are sent "in the past" by
 * giving the services an earlier clock (dates the app stores; the rows' created_at stay today's).
 * Nothing is e-mailed: the services here have no mail server, so every message stays in the Outbox.
 */
export async function seedDemoAgencyData(db: Database, config: Config, coordinatorId: string | null) {
  const quiet: Config = { ...config, mail: { ...config.mail, smtpUrl: undefined } }
  const services = createServices(db, quiet)
  const context: AuditContext = { actorUserId: coordinatorId, requestId: null, ip: null }
  const today = todayInLondon(new Date())
  const result: DemoAgencyResult = { requests: 0, received: 0, overdue: 0, escalated: 0, jarEvents: 0 }

  for (const lead of LEADS)
    if (!(await services.agencyLeadService.find(lead.agency)))
      await services.agencyLeadService.save(lead.agency, { name: lead.name, email: lead.email }, 0, context)

  // Open cases with a recent death, newest first (never `notified`: sending would move them on).
  const cases = await db.models.Case.findAll({
    where: { status: { [Op.in]: ['information_gathering', 'ready_for_panel', 'on_hold'] }, imported: false },
    order: [
      ['dateOfDeath', 'DESC'],
      ['id', 'ASC'],
    ],
    limit: 6,
  })
  if (cases.length < 3) return result

  const clockAt = (day: string) => () => new Date(`${day}T12:00:00Z`)
  const requestServiceAt = (day: string) =>
    new AgencyRequestService(
      db,
      services.auditService,
      new OutboxService(db, services.auditService, null, clockAt(day)),
      services.caseService,
      quiet.agencyRequests,
      quiet.baseUrl,
      clockAt(day),
    )
  const contactsFor = (codes: Agency[]): NewContact[] =>
    codes.map(agency => ({ agency, agencyOther: null, ...CONTACTS[agency] }))
  const send = async (record: Case, codes: Agency[], dueDate: string, sentOn: string) => {
    const { requests } = await requestServiceAt(sentOn).send(record.id, dueDate, contactsFor(codes), context)
    result.requests += requests.length
    return requests
  }

  // 1. Current requests, answered in every way: through the link, on paper, no involvement, cancelled.
  const [current, overdueCase, earlier] = cases
  const fresh = await send(
    current,
    ['gp', 'health_visiting', 'police', 'childrens_social_care', 'education'],
    addDays(today, 21),
    today,
  )
  const [gp, healthVisiting, police, socialCare] = fresh
  const link = await linkFromOutbox(db, gp)
  if (link) {
    await services.agencyLinkService.submit(link, demoReport(true), gp.version, context)
    result.received += 1
  }
  await services.agencyRequestService.close(
    healthVisiting,
    'not_involved',
    'Phoned: no record of the family',
    healthVisiting.version,
    context,
  )
  await services.agencyRequestService.recordPaperReport(police, demoReport(true), today, police.version, context)
  result.received += 1
  await services.agencyRequestService.close(
    socialCare,
    'cancelled',
    'Sent to the wrong team',
    socialCare.version,
    context,
  )
  // The school has saved a draft through its link and not submitted yet.
  const schoolLink = await linkFromOutbox(db, fresh[4])
  if (schoolLink)
    await services.agencyLinkService.saveDraft(
      schoolLink,
      { reporter_name: 'Sam Teacher', agency_involvement: 'yes' },
      fresh[4].version,
      context,
    )

  // 2. Overdue requests, sent five weeks ago and due a fortnight ago: reminded when overdue, and
  //    (for agencies with a lead) escalated a week after that.
  const sentOn = addDays(today, -35)
  const due = addDays(today, -14)
  const overdue = await send(overdueCase, ['gp', 'police', 'hospital_paediatrics'], due, sentOn)
  const job = (day: string) =>
    new ReminderJob(
      db,
      services.auditService,
      new OutboxService(db, services.auditService, null, clockAt(day)),
      quiet.agencyRequests.reminderDaysBeforeDue,
      clockAt(day),
      quiet.agencyRequests.escalationDaysAfterOverdue,
    )
  const overdueDay = addDays(due, 1)
  const reminded = await job(overdueDay).run()
  result.overdue += reminded.overdue
  const escalationDay = addDays(overdueDay, quiet.agencyRequests.escalationDaysAfterOverdue)
  if (compareIsoDates(escalationDay, today) <= 0) result.escalated += (await job(escalationDay).run()).escalated
  // The hospital answered late, on paper.
  await services.agencyRequestService.recordPaperReport(
    overdue[2],
    demoReport(true),
    today,
    overdue[2].version,
    context,
  )
  result.received += 1

  // 3. A case whose requests are all in, one of them a nil return.
  const done = await send(earlier, ['gp', 'health_visiting'], addDays(today, 14), today)
  await services.agencyRequestService.recordPaperReport(done[0], demoReport(true), today, done[0].version, context)
  await services.agencyRequestService.recordPaperReport(done[1], demoReport(false), today, done[1].version, context)
  result.received += 2

  // 4. Joint agency response events on the unexpected deaths among them, dated from the death.
  for (const record of cases.filter(c => c.expected === 'unexpected')) {
    const plan: [JarEventKind, number, { agency: Agency; role: string }[]][] = [
      ['strategy_discussion_initial', 0, [{ agency: 'police', role: 'Detective sergeant' }]],
      ['home_visit', 1, []],
      ['post_mortem', 3, []],
      [
        'jar_meeting',
        5,
        [
          { agency: 'hospital_paediatrics', role: 'Designated doctor' },
          { agency: 'police', role: 'Detective sergeant' },
          { agency: 'childrens_social_care', role: 'Team manager' },
        ],
      ],
      ['inquest_opened', 10, []],
    ]
    for (const [kind, days, attendees] of plan) {
      const eventDate = addDays(record.dateOfDeath, days)
      if (compareIsoDates(eventDate, today) > 0) break
      await services.jarEventService.add(
        record.id,
        {
          kind,
          eventDate,
          note: kind === 'jar_meeting' ? 'Agreed a follow-up discussion once the post-mortem is in.' : null,
          attendees,
        },
        context,
      )
      result.jarEvents += 1
    }
  }
  return result
}

/** The agency's link, read from its request e-mail in the Outbox as a coordinator would copy it. */
async function linkFromOutbox(db: Database, request: AgencyRequest): Promise<string | null> {
  const message = await db.models.OutboxMessage.findOne({
    where: { requestId: request.id, kind: 'agency_request' },
    order: [['createdAt', 'DESC']],
  })
  return /\/agency\/([A-Za-z0-9_-]{43})/.exec(message?.bodyText ?? '')?.[1] ?? null
}
