import type { Role } from '../../../src/domain/codes'
import { systemContext } from '../../../src/services/auditContext'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, csrfTokenFrom, newAgent } from '../../helpers/agent'
import type { TestApp } from '../../helpers/testApp'
import { GP, linkFor, sendRequests } from '../agencyRequests/agencyHelpers'
import { invite, scheduleCase } from '../reviews/reviewSetup'

export const ROLES = ['anonymous', 'admin', 'coordinator', 'panel_member', 'public_health'] as const
export type Who = (typeof ROLES)[number]

/** Values for every route parameter, made by the factories: one of each thing a route can name. */
export type RouteParams = Record<string, string>

export interface Seeded {
  params: RouteParams
  agents: Record<Who, Agent>
  /** A CSRF token for each agent's session. */
  tokens: Record<Who, string>
}

/**
 * One of everything: an account per role (the panel member invited, not as chair, to the meeting),
 * a case with an agency request and its e-mail, a meeting with a case on its agenda, an external
 * attendee, a declaration of interest and an action.
 */
export async function seedEverything(t: TestApp): Promise<Seeded> {
  const users = {} as Record<Exclude<Who, 'anonymous'>, Awaited<ReturnType<typeof buildUser>>>
  for (const role of ROLES.filter((r): r is Role => r !== 'anonymous'))
    users[role] = await buildUser(t.services, { roles: [role] })
  const agents = { anonymous: newAgent(t.app) } as Record<Who, Agent>
  for (const role of Object.keys(users) as Role[]) {
    agents[role] = await signInAs(t, users[role])
  }

  const record = await buildCase(t.services)
  const { requests } = await sendRequests(t, agents.coordinator, record.id, [GP])
  const link = await linkFor(t, requests[0])
  const message = await t.db.models.OutboxMessage.findOne({ where: { requestId: requests[0].id } })

  const scheduled = await scheduleCase(t)
  await invite(t, scheduled.meeting.id, users.panel_member.id, 'other')
  const external = await t.db.models.MeetingMember.findOne({ where: { meetingId: scheduled.meeting.id, userId: null } })
  const item = await t.db.models.AgendaItem.findOne({ where: { meetingId: scheduled.meeting.id } })
  const declaration = await t.db.models.DeclarationOfInterest.create({
    meetingId: scheduled.meeting.id,
    caseId: record.id, // a case not on this agenda, so the panel member's access to the agenda is untouched
    userId: users.panel_member.id,
    description: 'Knows the family',
    recordedBy: null,
  })
  const review = await t.db.models.CaseReview.create({
    caseId: scheduled.record.id,
    meetingId: null,
    status: 'final',
    category: 5,
    modifiableFactors: 'not_identified',
    preventability: null,
    likelyCauseOfDeath: null,
    learningPoints: null,
    safeguardingReferral: false,
    lederReferral: false,
    reviewDate: '2025-09-01',
    quorumOverrideReason: null,
    deferralQuestions: null,
    finalisedBy: null,
    finalisedAt: new Date(),
  } as never)
  const action = await t.db.models.Action.create({
    caseId: scheduled.record.id,
    reviewId: review.id,
    description: 'Review the discharge checklist',
    ownerOrganisation: 'Northshire ICB',
    dueDate: null,
    evidenceOfImpact: null,
  } as never)

  const other = await buildCase(t.services)
  const jarEvent = await t.services.jarEventService.add(
    record.id,
    { kind: 'home_visit', eventDate: record.dateOfDeath, note: null, attendees: [] },
    systemContext(),
  )

  const tokens = {} as Record<Who, string>
  for (const who of ROLES) {
    const page = await agents[who].get(who === 'anonymous' ? '/sign-in' : '/accessibility')
    tokens[who] = csrfTokenFrom(page.text)
  }
  return {
    agents,
    tokens,
    params: {
      token: link.split('/').pop()!,
      userId: users.coordinator.id,
      caseId: record.id,
      section: 'child',
      requestId: requests[0].id,
      outcome: 'cancel',
      messageId: message!.id,
      meetingId: scheduled.meeting.id,
      memberId: external!.id,
      itemId: item!.id,
      declarationId: declaration.id,
      actionId: action.id,
      // The annual report's curation page names a learning source: the seeded action is a recommendation.
      sourceType: 'action',
      sourceId: action.id,
      otherId: other.id,
      eventId: jarEvent.id,
      agency: 'gp',
      id: '00000000-0000-4000-8000-000000000000',
      // No authority is seeded: an unknown one, which an administrator is told is not found.
      localAuthorityId: '00000000-0000-4000-8000-000000000000',
      // The review pages name a case on the meeting's agenda.
      agendaCaseId: scheduled.record.id,
    },
  }
}
