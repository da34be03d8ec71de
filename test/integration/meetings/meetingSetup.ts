import type { Case, Meeting } from '../../../src/db/models'
import { systemContext } from '../../../src/services/auditContext'
import { buildCase } from '../../factories'
import type { TestApp } from '../../helpers/testApp'

// The signed-in person and the invitation are the shared factories now (test/factories.ts).
export { invite, signedIn } from '../../factories'

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

export async function onAgenda(t: TestApp, meetingId: string, ...cases: Case[]) {
  await t.services.agendaService.add(
    meetingId,
    cases.map(c => c.id),
    systemContext(),
  )
}
