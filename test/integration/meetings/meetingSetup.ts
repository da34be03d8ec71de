import type { Case, Meeting } from '../../../src/db/models'
import type { MeetingCapacity, Role } from '../../../src/domain/codes'
import { systemContext } from '../../../src/services/auditContext'
import { buildCase, buildUser, TEST_PASSWORD } from '../../factories'
import { Agent, newAgent, signIn } from '../../helpers/agent'
import type { TestApp } from '../../helpers/testApp'

/** A signed-in person: their account and a browser session. */
export async function signedIn(t: TestApp, roles: Role[] = ['coordinator'], name?: string) {
  const user = await buildUser(t.services, { roles, name })
  const agent: Agent = newAgent(t.app)
  await signIn(agent, user.email, TEST_PASSWORD)
  return { user, agent }
}

/** A case that has reached ready for panel through the status machine, as the case pages would take it. */
export async function readyCase(t: TestApp, overrides: Partial<Case> = {}): Promise<Case> {
  const record = await buildCase(t.services, overrides)
  const gathering = await t.services.caseService.changeStatus(
    record.id,
    { to: 'information_gathering', version: record.version },
    systemContext(),
  )
  return t.services.caseService.changeStatus(
    record.id,
    { to: 'ready_for_panel', version: gathering.version },
    systemContext(),
  )
}

export async function meetingOn(t: TestApp, meetingDate = '2030-06-04', extra: Partial<Meeting> = {}) {
  return t.services.meetingService.schedule(
    {
      meetingDate,
      startTime: '14:00',
      location: 'Room 3, Civic Centre',
      online: false,
      theme: 'general',
      notes: null,
      ...extra,
    },
    systemContext(),
  )
}

export async function invite(t: TestApp, meetingId: string, userId: string, capacity: MeetingCapacity = 'other') {
  await t.services.meetingService.invite(meetingId, [{ userId, capacity }], systemContext())
}

export async function onAgenda(t: TestApp, meetingId: string, ...cases: Case[]) {
  await t.services.agendaService.add(
    meetingId,
    cases.map(c => c.id),
    systemContext(),
  )
}
