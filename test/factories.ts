import crypto from 'node:crypto'
import type { Case, User } from '../src/db/models'
import type { MeetingCapacity, Role } from '../src/domain/codes'
import type { Services } from '../src/services'
import { systemContext } from '../src/services/auditContext'
import { Agent, newAgent } from './helpers/agent'
import type { TestApp } from './helpers/testApp'

/**
 * The shared set-up of the integration tests: one app, one reset, accounts, a signed-in browser,
 * cases and meeting invitations. (createTestApp and resetDatabase are re-exported here so a test
 * needs one import.)
 */
export { createTestApp, resetDatabase } from './helpers/testApp'
export type { TestApp } from './helpers/testApp'

export const TEST_PASSWORD = 'correct horse battery staple'

let sequence = 0

/** Builds an account with a known password; overridable defaults, unique email. */
type UserOverrides = { roles?: Role[]; email?: string; name?: string }

export async function buildUser(services: Services, overrides: UserOverrides = {}) {
  sequence += 1
  return services.userService.create(
    {
      email: overrides.email ?? `person${sequence}@example.org`,
      name: overrides.name ?? `Test Person ${sequence}`,
      roles: overrides.roles ?? ['coordinator'],
      password: TEST_PASSWORD,
    },
    systemContext(),
  )
}

/** Notifies a fictional death through the service, as the form would; overridable defaults. */
export async function buildCase(services: Services, overrides: Partial<Case> = {}): Promise<Case> {
  sequence += 1
  return services.caseService.notify(
    {
      givenNames: 'Test',
      familyName: `Child${sequence}`,
      nhsNumber: null,
      nhsNumberMissingReason: 'not_yet_available',
      dateOfBirth: '2024-01-10',
      dateOfDeath: '2025-06-01',
      sex: 'male',
      ethnicity: 'not_known',
      expected: 'expected',
      notifiedAt: '2025-06-02',
      resident: true,
      suspectedStillbirthAtHome: false,
      ...overrides,
    },
    systemContext(),
  )
}

/** An account in one role (or several), as buildUser makes it. */
export const createUser = (services: Services, role: Role | Role[] = 'coordinator', overrides: UserOverrides = {}) =>
  buildUser(services, { ...overrides, roles: ([] as Role[]).concat(role) })

/** Where supertest's requests come from, as the app sees them (audit rows name it). */
const TEST_CLIENT_IP = '::ffff:127.0.0.1'

/** express-session's signed cookie value (cookie-signature: HMAC-SHA256, base64 without padding). */
const signedSessionId = (sid: string, secret: string) =>
  `s:${sid}.${crypto.createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '')}`

/**
 * Signs `user` in on `agent` (a new one by default) without the sign-in form: the session row the
 * form would leave (connect-pg-simple's table, passport's user id) is written directly, its signed
 * cookie put in the agent's jar, and the sign-in recorded as the form records it (audit row, last
 * sign-in). No password check and no second factor: the tests of those go through the form
 * (test/integration/foundation/signIn.test.ts, auth/secondFactor.test.ts, helpers/agent.ts signIn).
 */
export async function signInAs(t: TestApp, user: User, agent: Agent = newAgent(t.app)): Promise<Agent> {
  const { cookieName, secret, idleMinutes } = t.config.session
  const sid = crypto.randomBytes(24).toString('base64url')
  const maxAge = idleMinutes * 60_000
  const expires = new Date(Date.now() + maxAge)
  const sess = {
    cookie: {
      originalMaxAge: maxAge,
      expires: expires.toISOString(),
      secure: false,
      httpOnly: true,
      path: '/',
      sameSite: 'lax',
    },
    passport: { user: user.id },
  }
  await t.db.sequelize.query('INSERT INTO "session" (sid, sess, expire) VALUES (:sid, :sess, :expire)', {
    replacements: { sid, sess: JSON.stringify(sess), expire: expires },
  })
  await t.services.signInService.completeSignIn(user, { actorUserId: user.id, requestId: null, ip: TEST_CLIENT_IP })
  agent.jar.setCookie(
    `${cookieName}=${encodeURIComponent(signedSessionId(sid, secret))}; Path=/; HttpOnly`,
    '127.0.0.1',
    '/',
  )
  return agent
}

/** A signed-in person: a new account in the given roles and a browser session (the fast sign-in). */
export async function signedIn(t: TestApp, roles: Role | Role[] = ['coordinator'], name?: string) {
  const user = await buildUser(t.services, { roles: ([] as Role[]).concat(roles), name })
  const agent = await signInAs(t, user)
  return { user, agent }
}

/**
 * Invites an account to a meeting in a capacity. Through the meeting service (audited; it invites
 * active panel members only, attendance not yet known) by default; with `attended` it writes the
 * membership row itself, attendance recorded, as the review tests need for the chair of a held meeting.
 */
export async function invite(
  t: TestApp,
  meetingId: string,
  userId: string,
  capacity: MeetingCapacity = 'other',
  options: { attended?: boolean } = {},
): Promise<void> {
  if (options.attended === undefined) {
    await t.services.meetingService.invite(meetingId, [{ userId, capacity }], systemContext())
    return
  }
  await t.db.models.MeetingMember.create({
    meetingId,
    userId,
    externalName: null,
    externalOrganisation: null,
    capacity,
    attended: options.attended,
  })
}
