import { readFileSync } from 'node:fs'
import path from 'node:path'
import { rootDir, type Config } from '../config'
import type { Database } from '../db'
import type { AgencyRequest, Case, Meeting } from '../db/models'
import type { JarAttendee } from '../db/models/JarEvent'
import { caseSections, notificationSections, sectionById, type CaseSection } from '../forms/caseFields'
import { rawFromCase, readCaseForm, type CaseValues } from '../forms/readCaseForm'
import type {
  ActionStatus,
  Agency,
  CaseStatus,
  FactorDomain,
  JarEventKind,
  MeetingCapacity,
  ModifiableFactors,
  OnHoldReason,
  PlaceOfDeath,
  Sex,
} from '../domain/codes'
import { addDays, compareIsoDates, daysBetween, todayInLondon, type IsoDate } from '../domain/dates'
import { nhsNumberCheckDigit } from '../domain/nhsNumber'
import { createServices, type Services } from '../services'
import AgencyRequestService from '../services/agencyRequests/agencyRequestService'
import type { NewContact } from '../services/agencyRequests/agencyRequestService'
import type { Answers } from '../domain/agencyReport/questions'
import { readReport } from '../forms/readAgencyReportForm'
import type { AuditContext } from '../services/auditContext'
import ReminderJob from '../services/jobs/reminderJob'
import OutboxService from '../services/mail/outboxService'
import type { NewFactor, NewRecommendation } from '../services/reviews/reviewTypes'

/**
 * The demo data of `npm run db:seed:demo`, all of it made through the services as a coordinator
 * would make it through the pages: every case notified through the notification form's reader and
 * CaseService, every status through the status machine (and the readiness gate), meetings scheduled,
 * attended, held, their reviews drafted and finalised, recommendations becoming actions, agency
 * requests sent, answered, reminded and escalated through the outbox. So it keeps every rule the app
 * enforces, and every change is in the audit log. FICTIONAL DATA ONLY: the names and places come
 * from seeders/demo-fictional-data.json.
 *
 * Deterministic: the same seed and the same day give the same cases, meetings and reviews (ids,
 * audit times and passwords aside). Dates are placed relative to today so open cases stay recent.
 * Things that happened "in the past" (requests sent weeks ago, reminders) are done by services given
 * an earlier clock; nothing is e-mailed (no mail server), so every message stays in the Outbox.
 */

export const DEMO_SEED = 20190401
export const DEMO_FICTIONAL_DATA = path.join(rootDir, 'seeders', 'demo-fictional-data.json')

interface Person {
  name: string
  role: string
  organisation: string
}
interface Place {
  name: string
  area: string
  wards: string[]
}
interface Fictional {
  givenNames: Record<'male' | 'female' | 'other', string[]>
  familyNames: string[]
  localAuthorities: Place[]
  elsewhere: Place[]
  notifiers: Person[]
  keyWorkers: string[]
  panelGuests: { name: string; organisation: string | null; capacity: MeetingCapacity }[]
  circumstances: Record<string, string[]>
  learning: Record<string, string>
  recommendations: { description: string; owner: string; level: NewRecommendation['level'] }[]
  evidence: string[]
}

export function loadFictionalData(): Fictional {
  return JSON.parse(readFileSync(DEMO_FICTIONAL_DATA, 'utf8')) as Fictional
}

export interface DemoSummary {
  cases: number
  byStatus: Partial<Record<CaseStatus, number>>
  meetings: { held: number; upcoming: number; cancelled: number }
  reviews: number
  actions: { open: number; overdue: number; completed: number }
  requests: number
  received: number
  overdue: number
  escalated: number
  jarEvents: number
  familyLetters: number
  duplicatePair: [string, string]
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast and fully reproducible; good enough for demo data. */
function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]
  const chance = (p: number) => next() < p
  return { int, pick, chance }
}
type Random = ReturnType<typeof random>

/** The panel meets on the second Tuesday of the month. */
function secondTuesday(anyDayOfMonth: IsoDate): IsoDate {
  const first = `${anyDayOfMonth.slice(0, 7)}-01`
  const weekday = new Date(`${first}T12:00:00Z`).getUTCDay()
  return addDays(first, ((2 - weekday + 7) % 7) + 7)
}

const monthsBefore = (day: IsoDate, months: number): IsoDate => {
  const d = new Date(`${day.slice(0, 7)}-15T12:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d.toISOString().slice(0, 10)
}

// ---------------------------------------------------------------------------------------------
// The plan: which cases, in which status, reviewed at which meeting. Pure, so a test can check it.

/** Where a case ends up. `deferred`: on the last held meeting's agenda and deferred back to information gathering. */
export type DemoTarget = CaseStatus | 'deferred'

export interface CasePlan {
  target: DemoTarget
  /** For reviewed cases: which past meeting (0 = the latest). */
  meeting: number | null
  notification: CaseValues
  category: number
  jar: boolean
  later: CaseValues
  hold: { code: OnHoldReason; reason: string } | null
}

export interface DemoPlan {
  today: IsoDate
  pastMeetings: IsoDate[]
  upcomingMeeting: IsoDate
  cancelledMeeting: IsoDate
  cases: CasePlan[]
  /** The same child notified twice, the second time with a typo, no NHS number and day and month swapped. */
  duplicates: [CaseValues, CaseValues]
}

const COUNTS: [DemoTarget, number][] = [
  ['notified', 8],
  ['information_gathering', 27],
  ['deferred', 1],
  ['ready_for_panel', 8],
  ['scheduled', 6],
  ['reviewed', 48],
  ['on_hold', 10],
  ['transferred_out', 6],
  ['out_of_scope', 4],
]
export const PAST_MEETINGS = 8
const REVIEWS_PER_MEETING = 6

const HOLDS: { code: OnHoldReason; reason: string }[] = [
  { code: 'coroner', reason: 'Awaiting the inquest' },
  { code: 'police_investigation', reason: 'Police investigation continuing' },
  { code: 'safeguarding_practice_review', reason: 'Awaiting the child safeguarding practice review' },
  { code: 'other', reason: 'Awaiting a specialist report from another area' },
]

const EXPECTED_CATEGORIES = [4, 6, 7, 8, 8, 7]
const UNEXPECTED_CATEGORIES = [1, 2, 3, 5, 9, 10, 10, 3]
const PLACES: Record<number, PlaceOfDeath[]> = {
  1: ['hospital_emergency_department', 'home'],
  2: ['home', 'public_place'],
  3: ['public_place', 'hospital_emergency_department'],
  4: ['hospice', 'home'],
  5: ['intensive_care_unit', 'hospital_ward'],
  6: ['hospital_ward', 'home'],
  7: ['neonatal_unit', 'intensive_care_unit'],
  8: ['neonatal_unit'],
  9: ['intensive_care_unit', 'hospital_emergency_department'],
  10: ['home', 'other_private_residence'],
}
const ANONYMISED: Record<number, string> = {
  1: 'A child brought to hospital with injuries that did not match the account given. Known to children’s social care.',
  2: 'A young person who died at home; concerns about low mood had been raised at school.',
  3: 'A child who died after an accident outside the home.',
  4: 'A child who died of cancer, with palliative care planned with the family.',
  5: 'A child who died of an acute illness that worsened quickly.',
  6: 'A child with a long-standing condition who died after a gradual decline.',
  7: 'A baby with a congenital condition diagnosed before birth.',
  8: 'A baby born very early who died on the neonatal unit.',
  9: 'A child who died of an overwhelming infection.',
  10: 'A baby found unresponsive at home after being put down to sleep.',
}

/** A valid NHS number in the 999 range, never issued to anyone; none given twice. */
function fictionalNhsNumber(r: Random, used: Set<string>): string {
  for (;;) {
    const nine = `999${String(r.int(0, 999_999)).padStart(6, '0')}`
    const check = nhsNumberCheckDigit(nine)
    if (check !== null && !used.has(`${nine}${check}`)) {
      used.add(`${nine}${check}`)
      return `${nine}${check}`
    }
  }
}

const postcode = (r: Random, area: string) => {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ'
  return `${area}${r.int(1, 19)} ${r.int(0, 9)}${r.pick([...letters])}${r.pick([...letters])}`
}

const postMortemFor = (unexpected: boolean, received: boolean) => {
  if (!unexpected) return 'not_required' as const
  return received ? ('received' as const) : ('awaited' as const)
}

/** A date of birth for a child `ageDays` old at death, never 18. */
const bornBefore = (dateOfDeath: IsoDate, ageDays: number) => addDays(dateOfDeath, -Math.min(ageDays, 6500))

function planOne(
  r: Random,
  f: Fictional,
  used: Set<string>,
  target: DemoTarget,
  dateOfDeath: IsoDate,
  today: IsoDate,
  meeting: number | null,
): CasePlan {
  const stillbirth = target === 'out_of_scope'
  const elsewhere = target === 'transferred_out'
  const unexpected = stillbirth || target === 'on_hold' || r.chance(0.45)
  const category = unexpected ? r.pick(UNEXPECTED_CATEGORIES) : r.pick(EXPECTED_CATEGORIES)
  const baby = category === 7 || category === 8 || category === 10
  let ageDays = baby ? r.int(0, 300) : r.int(400, 6200)
  if (stillbirth) ageDays = 0
  const sex: Sex = r.pick(['male', 'female', 'male', 'female', 'male', 'female', 'not_known'] as Sex[])
  const names = f.givenNames[sex === 'male' || sex === 'female' ? sex : 'other']
  const place = elsewhere ? r.pick(f.elsewhere) : r.pick(f.localAuthorities)
  const withNhs = !stillbirth && r.chance(0.6)
  const notifier = r.pick(f.notifiers)
  const missingReason = elsewhere ? 'non_resident_in_england' : 'not_yet_available'
  const trigger = category === 3 ? 'external_cause' : 'sudden_no_apparent_cause'
  const notifiedAt = [addDays(dateOfDeath, r.int(0, 3)), today].sort()[0]
  const jar = unexpected && !stillbirth ? true : stillbirth
  const notification: CaseValues = {
    givenNames: stillbirth || (baby && ageDays < 2) ? 'Baby' : r.pick(names),
    familyName: r.pick(f.familyNames),
    nhsNumber: withNhs ? fictionalNhsNumber(r, used) : null,
    nhsNumberMissingReason: withNhs ? null : missingReason,
    dateOfBirth: bornBefore(dateOfDeath, ageDays),
    dateOfDeath,
    timeOfDeath: `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
    sex,
    ethnicity: r.pick(['A', 'A', 'A', 'C', 'H', 'J', 'M', 'N', 'not_known']) as CaseValues['ethnicity'],
    postcode: postcode(r, place.area),
    localAuthority: place.name,
    ward: r.pick(place.wards),
    resident: !elsewhere,
    placeOfDeath: stillbirth ? 'home' : r.pick(PLACES[category]),
    expected: unexpected ? 'unexpected' : 'expected',
    suspectedStillbirthAtHome: stillbirth,
    notifiedAt,
    notifierName: notifier.name,
    notifierRole: notifier.role,
    notifierOrganisation: notifier.organisation,
    notifierContact: `01632 960${String(r.int(0, 999)).padStart(3, '0')}`,
    circumstances: `Fictional demo case. ${
      stillbirth
        ? 'Baby born at home without a midwife present; no signs of life at birth.'
        : r.pick(f.circumstances[category])
    }`,
  }
  // What the coordinator records as the case is prepared: the response, the panel's summary, the family contact.
  const settled =
    target === 'reviewed' || target === 'scheduled' || target === 'ready_for_panel' || target === 'deferred'
  const later: CaseValues = {
    anonymisedCircumstances: stillbirth || elsewhere ? null : ANONYMISED[category],
    jarRequired: unexpected ? jar : null,
    jarTriggers: jar ? [stillbirth ? 'unattended_stillbirth' : trigger] : [],
    jarDate: jar ? [addDays(dateOfDeath, r.int(0, 1)), today].sort()[0] : null,
    jarHomeVisit: jar ? r.chance(0.7) : null,
    jarAttendees: jar ? ['police', 'hospital_paediatrics', 'childrens_social_care'] : [],
    jarSummary: jar ? 'Fictional demo summary: agencies shared what they knew and agreed next steps.' : null,
    postMortem: postMortemFor(unexpected, settled || r.chance(0.4)),
    coronerInvolved: unexpected,
    policeInvestigation: category === 1,
    keyWorker: elsewhere ? null : r.pick(f.keyWorkers),
    familyLeafletSentOn:
      target === 'notified' && r.chance(0.6) ? null : [addDays(notifiedAt, r.int(0, 5)), today].sort()[0],
    familyQuestions:
      target === 'reviewed' && r.chance(0.25)
        ? 'Could the illness have been picked up at the appointment the week before?'
        : null,
  }
  const hold = target === 'on_hold' ? r.pick(HOLDS) : null
  return { target, meeting, notification, category, jar, later, hold }
}

export function planDemo(seed: number, today: IsoDate): DemoPlan {
  const r = random(seed)
  const f = loadFictionalData()
  const used = new Set<string>()
  // Past meetings every six months back from last month; the next one ahead; one cancelled in between.
  const pastMeetings = Array.from({ length: PAST_MEETINGS }, (_, i) => {
    const date = secondTuesday(monthsBefore(today, 1 + i * 6))
    return compareIsoDates(date, today) < 0 ? date : secondTuesday(monthsBefore(today, 2 + i * 6))
  })
  let upcomingMeeting = secondTuesday(monthsBefore(today, -1))
  if (daysBetween(today, upcomingMeeting) < 7) upcomingMeeting = secondTuesday(monthsBefore(today, -2))
  const cancelledMeeting = secondTuesday(monthsBefore(today, 4))

  const cases: CasePlan[] = []
  const recent = (low: number, high: number) => addDays(today, -r.int(low, high))
  for (const [target, count] of COUNTS) {
    for (let i = 0; i < count; i += 1) {
      let meeting: number | null = null
      let death: IsoDate
      if (target === 'reviewed') {
        meeting = Math.floor(i / REVIEWS_PER_MEETING)
        death = addDays(pastMeetings[meeting], -r.int(70, 420))
      } else if (target === 'deferred') {
        meeting = 0
        death = addDays(pastMeetings[0], -r.int(90, 200))
      } else if (target === 'notified') death = recent(1, 12)
      else if (target === 'information_gathering') death = recent(20, 330)
      else if (target === 'ready_for_panel' || target === 'scheduled') death = recent(90, 400)
      else if (target === 'on_hold') death = recent(60, 800)
      else death = recent(30, 1000)
      cases.push(planOne(r, f, used, target, death, today, meeting))
    }
  }

  const death = addDays(today, -26)
  const dob = `${addDays(death, -400).slice(0, 5)}04-09` // day and month both 12 or less, so a swap is a date
  const nhs = fictionalNhsNumber(r, used)
  const first: CaseValues = {
    ...planOne(r, f, used, 'information_gathering', death, today, null).notification,
    givenNames: 'Isla',
    familyName: 'Marrowdale',
    nhsNumber: nhs,
    nhsNumberMissingReason: null,
    dateOfBirth: dob,
    sex: 'female',
  }
  const second: CaseValues = {
    ...first,
    familyName: 'Marrowdal',
    nhsNumber: null,
    nhsNumberMissingReason: 'not_yet_available',
    dateOfBirth: `${dob.slice(0, 5)}09-04`,
    notifiedAt: [addDays(first.notifiedAt as IsoDate, 2), today].sort()[0],
    notifierName: 'N. Quenby',
    notifierRole: 'Paramedic',
    notifierOrganisation: 'Shires Ambulance Service (demo)',
  }
  return { today, pastMeetings, upcomingMeeting, cancelledMeeting, cases, duplicates: [first, second] }
}

// ---------------------------------------------------------------------------------------------
// Making it through the services

/** Values read through the form's own reader, as if typed into the page: refused values stop the seeding. */
function throughForm(fields: CaseSection['fields'], values: CaseValues, stored: CaseValues, today: IsoDate) {
  const body = rawFromCase(fields, values)
  const read = readCaseForm(fields, body, stored, today)
  if (read.errors.errorSummary.length)
    throw new Error(`The demo data breaks a rule of the form: ${read.errors.errorSummary[0].text}`)
  return read.values
}

const NOTIFICATION_FIELDS = notificationSections.flatMap(s => s.fields)

const LEADS: { agency: Agency; name: string; email: string }[] = [
  { agency: 'gp', name: 'Dr Morgan Lead', email: 'gp.lead@demo.example' },
  { agency: 'police', name: 'DI Alex Lead', email: 'police.lead@demo.example' },
  { agency: 'childrens_social_care', name: 'Jordan Lead', email: 'social.care.lead@demo.example' },
  { agency: 'education', name: 'Sam Lead', email: 'education.lead@demo.example' },
]

const CONTACTS: Partial<Record<Agency, { contactName: string; contactEmail: string }>> = {
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

const FACTOR_DOMAIN: Record<number, FactorDomain> = {
  1: 'social_environment',
  2: 'service_provision',
  3: 'physical_environment',
  5: 'service_provision',
  9: 'service_provision',
  10: 'social_environment',
}

/** Makes the whole demo set for `plan`, acting as the demo coordinator. */
export async function seedDemoData(
  db: Database,
  config: Config,
  plan: DemoPlan,
  people: { coordinatorId: string; chairId: string; memberId: string },
  servicesIn?: Services,
): Promise<DemoSummary> {
  const quiet: Config = { ...config, mail: { ...config.mail, smtpUrl: undefined } }
  const services = servicesIn ?? createServices(db, quiet)
  const f = loadFictionalData()
  const r = random(plan.pastMeetings.length * 7919 + plan.cases.length)
  const ctx: AuditContext = { actorUserId: people.coordinatorId, requestId: null, ip: null }
  const { today } = plan
  const summary: DemoSummary = {
    cases: 0,
    byStatus: {},
    meetings: { held: 0, upcoming: 0, cancelled: 0 },
    reviews: 0,
    actions: { open: 0, overdue: 0, completed: 0 },
    requests: 0,
    received: 0,
    overdue: 0,
    escalated: 0,
    jarEvents: 0,
    familyLetters: 0,
    duplicatePair: ['', ''],
  }

  const notify = async (values: CaseValues, confirmedDifferentFrom?: string[]) => {
    const read = throughForm(NOTIFICATION_FIELDS, values, {}, today)
    summary.cases += 1
    return services.caseService.notify(read, ctx, { confirmedDifferentFrom })
  }
  const section = async (record: Case, id: CaseSection['id'], values: CaseValues) => {
    const fields = sectionById(id)!.fields
    const read = throughForm(fields, { ...record.get(), ...values }, record.get(), today)
    return services.caseService.updateSection(
      record.id,
      id,
      read,
      fields.map(field => field.attr),
      record.version,
      ctx,
    )
  }
  const move = (record: Case, to: CaseStatus, reason?: string, reasonCode?: string) =>
    services.caseService.changeStatus(record.id, { to, reason, reasonCode, version: record.version }, ctx)

  /** Notified, then the response, the panel's summary and the family contact as far as the target needs. */
  const prepare = async (p: CasePlan): Promise<Case> => {
    let record = await notify(p.notification)
    if (p.target === 'notified') {
      if (p.later.familyLeafletSentOn) record = await section(record, 'family', pick(p.later, FAMILY))
      return record
    }
    if (p.target === 'transferred_out')
      return move(
        record,
        'transferred_out',
        `Child normally resident in ${p.notification.localAuthority}; transferred to its panel`,
      )
    if (p.target === 'out_of_scope') {
      record = await section(record, 'jar', pick(p.later, JAR))
      return move(
        record,
        'out_of_scope',
        'Unattended stillbirth: the joint agency response is complete and no child death review is needed',
      )
    }
    record = await move(record, 'information_gathering')
    record = await section(record, 'jar', pick(p.later, JAR))
    record = await section(record, 'circumstances', { anonymisedCircumstances: p.later.anonymisedCircumstances })
    record = await section(record, 'family', pick(p.later, FAMILY))
    if (p.target === 'on_hold') return move(record, 'on_hold', p.hold!.reason, p.hold!.code)
    if (p.target === 'information_gathering') return record
    return services.readinessService.changeStatus(
      record.id,
      { to: 'ready_for_panel', version: record.version },
      { confirmed: false, reason: '' },
      ctx,
    )
  }

  // 1. Agency leads, and the meetings: the past ones (to be held), the next one, and one cancelled.
  for (const lead of LEADS)
    if (!(await services.agencyLeadService.find(lead.agency)))
      await services.agencyLeadService.save(lead.agency, { name: lead.name, email: lead.email }, 0, ctx)
  const schedule = (meetingDate: IsoDate, theme: Meeting['theme'] = 'general') =>
    services.meetingService.schedule(
      {
        meetingDate,
        startTime: '10:00',
        location: 'Committee Room 2, Northshire Civic Centre (demo)',
        online: false,
        theme,
        notes: null,
      },
      ctx,
    )
  const past: Meeting[] = []
  for (const [i, date] of plan.pastMeetings.entries()) past.push(await schedule(date, i === 2 ? 'neonatal' : 'general'))
  const upcoming = await schedule(plan.upcomingMeeting, 'unexpected_deaths')
  summary.meetings.upcoming = 1

  // 2. The cases, each taken as far as its target.
  const made: { plan: CasePlan; record: Case }[] = []
  for (const p of plan.cases) made.push({ plan: p, record: await prepare(p) })

  // 3. The agendas: each past meeting's cases, and the next meeting's.
  const onMeeting = (i: number) => made.filter(m => m.plan.meeting === i)
  for (const [i, meeting] of past.entries())
    await services.agendaService.add(
      meeting.id,
      onMeeting(i).map(m => m.record.id),
      ctx,
    )
  await services.agendaService.add(
    upcoming.id,
    made.filter(m => m.plan.target === 'scheduled').map(m => m.record.id),
    ctx,
  )

  // 4. Members: the two panel accounts (one chairs), and named guests who attend in their capacity.
  const members = async (meeting: Meeting) => {
    await services.meetingService.invite(
      meeting.id,
      [
        { userId: people.chairId, capacity: 'chair' },
        { userId: people.memberId, capacity: 'paediatrician' },
      ],
      ctx,
    )
    for (const guest of f.panelGuests) await services.meetingService.addExternal(meeting.id, guest, ctx)
  }
  await members(upcoming)
  const scheduledCases = made.filter(m => m.plan.target === 'scheduled')
  await services.declarationService.declare(
    upcoming.id,
    {
      caseId: scheduledCases[0].record.id,
      userId: people.memberId,
      description: 'Knows the family through church (demo)',
    },
    { ...ctx, actorUserId: people.memberId },
  )

  // 5. The past meetings: attended, one interest declared, held; their reviews drafted and finalised.
  const reviewed: { record: Case; plan: CasePlan; reviewId: string; meetingDate: IsoDate; meetingIndex: number }[] = []
  for (const [i, meeting] of past.entries()) {
    await members(meeting)
    const list = await services.meetingService.members(meeting.id)
    const current = (await services.meetingService.findById(meeting.id))!
    // One guest sent apologies at one meeting in three; the meeting stays quorate without the public health member.
    const attended = await services.meetingService.recordAttendance(
      meeting.id,
      list.map(m => ({
        memberId: m.id,
        attended: !(i % 3 === 1 && m.capacity === 'public_health'),
        capacity: m.capacity,
      })),
      current.version,
      ctx,
    )
    const agenda = onMeeting(i)
    if (agenda.length > 1)
      await services.declarationService.declare(
        meeting.id,
        {
          caseId: agenda[agenda.length - 1].record.id,
          userId: people.memberId,
          description: 'Was the child’s consultant (demo)',
        },
        { ...ctx, actorUserId: people.memberId },
      )
    await services.meetingLifecycleService.markHeld(meeting.id, attended.version, ctx)
    summary.meetings.held += 1
    for (const { plan: p, record } of agenda) {
      const target = { meetingId: meeting.id, caseId: record.id }
      const place = (await services.reviewService.findPlace(target))!
      const { sheet } = await services.reviewService.open(place, ctx)
      if (p.target === 'deferred') {
        await services.reviewDecisionService.defer(
          target,
          {
            version: sheet!.review.version,
            questions: 'The panel needs the final post-mortem report and the school’s report.',
          },
          ctx,
        )
        continue
      }
      const outcome: ModifiableFactors = FACTOR_DOMAIN[p.category]
        ? r.pick(['identified', 'identified', 'not_identified'] as ModifiableFactors[])
        : r.pick(['not_identified', 'not_identified', 'inadequate_information'] as ModifiableFactors[])
      const factors: NewFactor[] =
        outcome === 'identified'
          ? [
              {
                domain: FACTOR_DOMAIN[p.category],
                description: f.learning[String(p.category)],
                grade: 2,
                modifiable: true,
              },
              { domain: 'child', description: 'No long-term conditions known (demo)', grade: 1, modifiable: false },
            ]
          : [{ domain: 'child', description: 'Condition known from birth (demo)', grade: 1, modifiable: false }]
      const recommendation = r.pick(f.recommendations)
      const recommendations: NewRecommendation[] =
        outcome === 'identified'
          ? [
              {
                description: recommendation.description,
                level: recommendation.level,
                ownerOrganisation: recommendation.owner,
                dueDate: addDays(meeting.meetingDate, 90 + r.int(0, 60)),
              },
            ]
          : []
      const saved = await services.reviewService.saveDraft(
        target,
        sheet!.review.version,
        {
          values: {
            agenciesPresent: ['gp', 'hospital_paediatrics', 'police', 'childrens_social_care'],
            category: p.category,
            modifiableFactors: outcome,
            likelyCauseOfDeath: p.notification.circumstances!.replace('Fictional demo case. ', ''),
            learningPoints: f.learning[String(p.category)],
            safeguardingReferral: p.category === 1,
            lederReferral: false,
          },
          addFactors: factors,
          addRecommendations: recommendations,
        },
        ctx,
      )
      const finalised = await services.reviewDecisionService.finalise(target, { version: saved.review.version }, ctx)
      summary.reviews += 1
      reviewed.push({
        record,
        plan: p,
        reviewId: finalised.review.id,
        meetingDate: meeting.meetingDate,
        meetingIndex: i,
      })
    }
  }

  // 6. The actions the recommendations became: older ones completed with their evidence, some under
  //    way, recent ones open (overdue where the due date has passed).
  for (const { reviewId, meetingIndex } of reviewed) {
    for (const action of await services.actionService.forReview(reviewId)) {
      const older = meetingIndex >= 3
      let status: ActionStatus = meetingIndex === 0 ? 'open' : r.pick(['open', 'in_progress'] as const)
      if (older) status = r.chance(0.8) ? 'complete' : 'not_accepted'
      if (status === 'complete') summary.actions.completed += 1
      else if (status !== 'not_accepted') {
        summary.actions.open += 1
        if (action.dueDate && compareIsoDates(action.dueDate, today) < 0) summary.actions.overdue += 1
      }
      if (status === 'open') continue
      await services.actionService.update(
        action.id,
        {
          status,
          dueDate: action.dueDate,
          ownerOrganisation: action.ownerOrganisation,
          evidenceOfImpact: status === 'complete' ? r.pick(f.evidence) : null,
        },
        action.version,
        ctx,
      )
    }
  }

  // 7. A meeting cancelled, with its reason.
  const cancelled = await schedule(plan.cancelledMeeting)
  await services.meetingLifecycleService.cancel(
    cancelled.id,
    'The chair was unwell; its cases went to the next meeting (demo)',
    cancelled.version,
    ctx,
  )
  summary.meetings.cancelled = 1

  // 8. A letter to a family, and their questions answered.
  const withQuestions = reviewed.find(x => x.plan.later.familyQuestions) ?? reviewed[0]
  const page = await services.familyLetterService.open(withQuestions.record.id, ctx, 'edit')
  await services.familyLetterService.save(
    withQuestions.record.id,
    `${page.body}\n\nWe are sorry for the wait while the reports came in. (Edited by the coordinator.)`,
    null,
    ctx,
  )
  const answeredOn = [addDays(withQuestions.meetingDate, 14), today].sort()[0]
  const fresh = (await services.caseService.findById(withQuestions.record.id))!
  await services.familyLetterService.recordQuestionsAnswered(fresh.id, true, answeredOn, fresh.version, ctx)
  summary.familyLetters = 1

  // 9. Requests for information in every state, on three cases in information gathering.
  const gathering = made
    .filter(m => m.plan.target === 'information_gathering' && daysBetween(m.record.dateOfDeath, today) > 40)
    .map(m => m.record)
  Object.assign(summary, await agencyRequests(db, quiet, services, ctx, today, gathering.slice(0, 3)))

  // 10. Joint agency response events on the unexpected deaths with a response (up to 20 cases).
  for (const { plan: p, record } of made.filter(m => m.plan.jar && m.plan.target !== 'out_of_scope').slice(0, 20)) {
    const plan: [JarEventKind, number, JarAttendee[]][] = [
      [
        'strategy_discussion_initial',
        0,
        [
          { agency: 'police', role: 'Detective sergeant' },
          { agency: 'childrens_social_care', role: 'Duty team manager' },
        ],
      ],
      ['home_visit', 1, []],
      ['post_mortem', 3, []],
      [
        'jar_meeting',
        5,
        [
          { agency: 'hospital_paediatrics', role: 'Designated doctor for child deaths' },
          { agency: 'police', role: 'Detective sergeant' },
          { agency: 'childrens_social_care', role: 'Team manager' },
          { agency: 'gp', role: null },
        ],
      ],
      ['inquest_opened', 12, []],
    ]
    if (p.target === 'reviewed') plan.push(['inquest_concluded', 60, []])
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
        ctx,
      )
      summary.jarEvents += 1
    }
  }

  // 11. The same child notified twice: a typo in the family name, no NHS number the second time and
  //     the date of birth with day and month swapped. The coordinator went ahead despite the warning;
  //     both cases show each other as possible duplicates, to merge.
  const [firstValues, secondValues] = plan.duplicates
  const first = await move(await notify(firstValues), 'information_gathering')
  const warned = await services.caseService.findPossibleDuplicates(
    throughForm(NOTIFICATION_FIELDS, secondValues, {}, today),
  )
  if (!warned.some(d => d.record.id === first.id))
    throw new Error('The demo duplicate pair is not found as possible duplicates')
  const second = await notify(
    secondValues,
    warned.map(d => d.record.id),
  )
  summary.duplicatePair = [first.caseRef, second.caseRef]

  const counts = (await db.models.Case.count({ group: ['status'] })) as unknown as {
    status: CaseStatus
    count: number
  }[]
  summary.byStatus = Object.fromEntries(counts.map(c => [c.status, Number(c.count)]))
  return summary
}

const JAR = caseSections.find(s => s.id === 'jar')!.fields.map(f => f.attr)
const FAMILY = caseSections.find(s => s.id === 'family')!.fields.map(f => f.attr)
const pick = (values: CaseValues, keys: (keyof CaseValues)[]): CaseValues =>
  Object.fromEntries(keys.map(key => [key, values[key] ?? null])) as CaseValues

/**
 * Requests for information in every state, with agency reports, reminders and an escalation:
 * answered through the link and on paper, no involvement, cancelled, a saved draft; overdue ones
 * sent "five weeks ago" by a service with an earlier clock, reminded and escalated by the reminder job.
 */
async function agencyRequests(
  db: Database,
  config: Config,
  services: Services,
  context: AuditContext,
  today: IsoDate,
  cases: Case[],
) {
  const result = { requests: 0, received: 0, overdue: 0, escalated: 0 }
  if (cases.length < 3) throw new Error('The demo plan has too few cases in information gathering for its requests')
  const clockAt = (day: string) => () => new Date(`${day}T12:00:00Z`)
  const requestServiceAt = (day: string) =>
    new AgencyRequestService(
      db,
      services.auditService,
      new OutboxService(db, services.auditService, null, clockAt(day)),
      services.caseService,
      config.agencyRequests,
      config.baseUrl,
      clockAt(day),
    )
  const contactsFor = (codes: Agency[]): NewContact[] =>
    codes.map(agency => ({ agency, agencyOther: null, ...CONTACTS[agency]! }))
  const send = async (record: Case, codes: Agency[], dueDate: string, sentOn: string) => {
    const { requests } = await requestServiceAt(sentOn).send(record.id, dueDate, contactsFor(codes), context)
    result.requests += requests.length
    return requests
  }
  const [current, overdueCase, earlier] = cases

  // Current requests, answered in every way: through the link, on paper, no involvement, cancelled.
  const fresh = await send(
    current,
    ['gp', 'health_visiting', 'police', 'childrens_social_care', 'education'],
    addDays(today, 21),
    today,
  )
  const [gp, healthVisiting, police, socialCare, school] = fresh
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
  const schoolLink = await linkFromOutbox(db, school)
  if (schoolLink)
    await services.agencyLinkService.saveDraft(
      schoolLink,
      { reporter_name: 'Sam Teacher', agency_involvement: 'yes' },
      school.version,
      context,
    )

  // Overdue requests, sent five weeks ago and due a fortnight ago: reminded when overdue, and (for
  // agencies with a lead) escalated a week after that.
  const sentOn = addDays(today, -35)
  const due = addDays(today, -14)
  const overdue = await send(overdueCase, ['gp', 'police', 'hospital_paediatrics'], due, sentOn)
  const job = (day: string) =>
    new ReminderJob(
      db,
      services.auditService,
      new OutboxService(db, services.auditService, null, clockAt(day)),
      config.agencyRequests.reminderDaysBeforeDue,
      clockAt(day),
      config.agencyRequests.escalationDaysAfterOverdue,
    )
  const overdueDay = addDays(due, 1)
  result.overdue += (await job(overdueDay).run()).overdue
  const escalationDay = addDays(overdueDay, config.agencyRequests.escalationDaysAfterOverdue)
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

  // A case whose requests are all in, one of them a nil return.
  const done = await send(earlier, ['gp', 'health_visiting'], addDays(today, 14), today)
  await services.agencyRequestService.recordPaperReport(done[0], demoReport(true), today, done[0].version, context)
  await services.agencyRequestService.recordPaperReport(done[1], demoReport(false), today, done[1].version, context)
  result.received += 2
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

/** Today in England, for the plan. */
export const demoToday = (now = new Date()) => todayInLondon(now)
