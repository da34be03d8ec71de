import type { RouteParams, Who } from './accessFixtures'

/**
 * THE ACCESS MATRIX: every route the app registers (method + pattern) and what each kind of
 * visitor gets. A route missing here fails the test, so a new route must say who may use it.
 *
 *   A  allowed: the page or the handler answers (2xx, a redirect other than to sign-in, or a 4xx
 *      about the form itself such as 400/409/422), never 403/404/5xx
 *   S  sent to the sign-in page (302 to /sign-in)
 *   F  403 forbidden
 *   N  404 not found
 *
 * Requests use the ids of seeded records (accessFixtures.ts); posts carry a valid CSRF token and
 * an empty form, so "allowed" means the handler was reached and refused or took the empty form.
 */
export type Expected = 'A' | 'S' | 'F' | 'N'
type Row = Record<Who, Expected>

const row = (anonymous: Expected, admin: Expected, coordinator: Expected, panel: Expected, health: Expected): Row => ({
  anonymous,
  admin,
  coordinator,
  panel_member: panel,
  public_health: health,
})
const PUBLIC = row('A', 'A', 'A', 'A', 'A')
const SIGNED_IN = row('S', 'A', 'A', 'A', 'A')
const ADMIN = row('S', 'A', 'F', 'F', 'F')
const CASE_MANAGERS = row('S', 'A', 'A', 'F', 'F')
const PANEL = row('S', 'A', 'A', 'A', 'F') // the panel member here is invited to the seeded meeting
const REVIEW = row('S', 'A', 'A', 'F', 'F') // invited, but not as chair: may not record the review
const STATISTICS = row('S', 'A', 'A', 'F', 'A')

export const ACCESS: Record<string, Row> = {
  'GET /ping': PUBLIC,
  'GET /health': PUBLIC,
  'GET /accessibility': PUBLIC,
  'GET /cookies': PUBLIC,
  'GET /privacy': PUBLIC,
  'GET /data-dictionary': PUBLIC,
  // The code step belongs to a half-signed-in session only: anyone else goes back to sign-in.
  'GET /sign-in/second-factor': row('S', 'S', 'S', 'S', 'S'),
  'POST /sign-in/second-factor': row('S', 'S', 'S', 'S', 'S'),
  'GET /second-factor/set-up': SIGNED_IN,
  'POST /second-factor/set-up': SIGNED_IN,
  // Links that were never made: each says the link is not valid, whoever opens it.
  'GET /invitation/:token': row('N', 'N', 'N', 'N', 'N'),
  'POST /invitation/:token': row('N', 'N', 'N', 'N', 'N'),
  'GET /reset-password/:token': row('N', 'N', 'N', 'N', 'N'),
  'POST /reset-password/:token': row('N', 'N', 'N', 'N', 'N'),
  'GET /sign-in': PUBLIC,
  'POST /sign-in': PUBLIC,
  'POST /sign-out': row('S', 'S', 'S', 'S', 'S'), // signed out, or already: to the sign-in page
  'GET /setup/:token': row('N', 'N', 'N', 'N', 'N'), // accounts exist: every setup link is dead
  'POST /setup/:token': row('N', 'N', 'N', 'N', 'N'),
  'GET /agency/:token': PUBLIC, // the link is the credential, whoever holds it
  'POST /agency/:token': PUBLIC,
  'GET /': SIGNED_IN,
  'GET /admin/users': ADMIN,
  'GET /admin/users/new': ADMIN,
  'POST /admin/users/new': ADMIN,
  'GET /admin/users/:userId': ADMIN,
  'POST /admin/users/:userId': ADMIN,
  'POST /admin/users/:userId/active': ADMIN,
  'POST /admin/users/:userId/password-reset': ADMIN,
  'POST /admin/users/:userId/invitation/resend': ADMIN,
  'POST /admin/users/:userId/invitation/revoke': ADMIN,
  'POST /admin/users/:userId/second-factor/reset': ADMIN,
  'GET /admin/audit/export.csv': ADMIN,
  'GET /admin/audit': ADMIN,
  'GET /cases/import': CASE_MANAGERS,
  'GET /cases/import/template.csv': CASE_MANAGERS,
  'POST /cases/import': CASE_MANAGERS,
  'GET /cases': CASE_MANAGERS,
  'POST /cases/search': CASE_MANAGERS,
  'GET /cases/notify': CASE_MANAGERS,
  'POST /cases/notify': CASE_MANAGERS,
  'POST /cases/notify/cancel': CASE_MANAGERS,
  'GET /cases/notify/check': CASE_MANAGERS,
  'POST /cases/notify/check': CASE_MANAGERS,
  'GET /cases/:caseId': CASE_MANAGERS,
  'GET /cases/:caseId/edit/:section': CASE_MANAGERS,
  'POST /cases/:caseId/edit/:section': CASE_MANAGERS,
  'GET /cases/:caseId/status': CASE_MANAGERS,
  'POST /cases/:caseId/status': CASE_MANAGERS,
  'GET /cases/:caseId/requests': CASE_MANAGERS,
  'GET /cases/:caseId/requests/new': CASE_MANAGERS,
  'POST /cases/:caseId/requests/new': CASE_MANAGERS,
  'GET /cases/:caseId/requests/:requestId': CASE_MANAGERS,
  'POST /cases/:caseId/requests/:requestId/revoke-link': CASE_MANAGERS,
  'POST /cases/:caseId/requests/:requestId/new-link': CASE_MANAGERS,
  'GET /cases/:caseId/requests/:requestId/paper': CASE_MANAGERS,
  'POST /cases/:caseId/requests/:requestId/paper': CASE_MANAGERS,
  'GET /cases/:caseId/requests/:requestId/:outcome': CASE_MANAGERS,
  'POST /cases/:caseId/requests/:requestId/:outcome': CASE_MANAGERS,
  'GET /cases/:caseId/merge': CASE_MANAGERS,
  'POST /cases/:caseId/merge': CASE_MANAGERS,
  'GET /cases/:caseId/merge/:otherId': CASE_MANAGERS,
  'POST /cases/:caseId/merge/:otherId': CASE_MANAGERS,
  'GET /cases/:caseId/family-letter': CASE_MANAGERS,
  'POST /cases/:caseId/family-letter': CASE_MANAGERS,
  'GET /cases/:caseId/family-letter/print': CASE_MANAGERS,
  'POST /cases/:caseId/family-questions': CASE_MANAGERS,
  'GET /cases/:caseId/jar-events/new': CASE_MANAGERS,
  'POST /cases/:caseId/jar-events/new': CASE_MANAGERS,
  'GET /cases/:caseId/jar-events/:eventId': CASE_MANAGERS,
  'POST /cases/:caseId/jar-events/:eventId': CASE_MANAGERS,
  'GET /cases/:caseId/jar-events/:eventId/remove': CASE_MANAGERS,
  'POST /cases/:caseId/jar-events/:eventId/remove': CASE_MANAGERS,
  'GET /outbox': CASE_MANAGERS,
  'GET /outbox/:messageId': CASE_MANAGERS,
  'POST /outbox/:messageId/retry': CASE_MANAGERS,
  'GET /meetings': PANEL,
  'GET /meetings/print.css': PANEL,
  'GET /meetings/new': CASE_MANAGERS,
  'POST /meetings/new': CASE_MANAGERS,
  'GET /meetings/:meetingId': PANEL,
  'GET /meetings/:meetingId/edit': CASE_MANAGERS,
  'POST /meetings/:meetingId/edit': CASE_MANAGERS,
  'GET /meetings/:meetingId/members': CASE_MANAGERS,
  'POST /meetings/:meetingId/members': CASE_MANAGERS,
  'POST /meetings/:meetingId/members/external': CASE_MANAGERS,
  'POST /meetings/:meetingId/members/:memberId/remove': CASE_MANAGERS,
  'GET /meetings/:meetingId/held': CASE_MANAGERS,
  'POST /meetings/:meetingId/held': CASE_MANAGERS,
  'GET /meetings/:meetingId/cancel': CASE_MANAGERS,
  'POST /meetings/:meetingId/cancel': CASE_MANAGERS,
  'GET /meetings/:meetingId/postpone': CASE_MANAGERS,
  'POST /meetings/:meetingId/postpone': CASE_MANAGERS,
  'GET /meetings/:meetingId/attendance': CASE_MANAGERS,
  'POST /meetings/:meetingId/attendance': CASE_MANAGERS,
  'GET /meetings/:meetingId/agenda/add': CASE_MANAGERS,
  'POST /meetings/:meetingId/agenda/add': CASE_MANAGERS,
  'POST /meetings/:meetingId/agenda/:itemId/move': CASE_MANAGERS,
  'POST /meetings/:meetingId/agenda/:itemId/remove': CASE_MANAGERS,
  'GET /meetings/:meetingId/declarations': CASE_MANAGERS,
  'POST /meetings/:meetingId/declarations': CASE_MANAGERS,
  'POST /meetings/:meetingId/declarations/:declarationId/withdraw': CASE_MANAGERS,
  'GET /meetings/:meetingId/cases/:caseId/interest': row('S', 'F', 'F', 'A', 'F'), // invited members declare their own
  'POST /meetings/:meetingId/cases/:caseId/interest': row('S', 'F', 'F', 'A', 'F'),
  'GET /meetings/:meetingId/cases/:caseId/pack': PANEL,
  'GET /meetings/:meetingId/pack': PANEL,
  'GET /meetings/:meetingId/minutes': CASE_MANAGERS,
  'GET /meetings/:meetingId/cases/:caseId/review': REVIEW,
  'POST /meetings/:meetingId/cases/:caseId/review': REVIEW,
  'POST /meetings/:meetingId/cases/:caseId/review/autosave': REVIEW,
  'GET /meetings/:meetingId/cases/:caseId/review/finalise': REVIEW,
  'POST /meetings/:meetingId/cases/:caseId/review/finalise': REVIEW,
  'GET /meetings/:meetingId/cases/:caseId/review/defer': REVIEW,
  'POST /meetings/:meetingId/cases/:caseId/review/defer': REVIEW,
  'GET /actions': CASE_MANAGERS,
  'GET /actions/:actionId': CASE_MANAGERS,
  'POST /actions/:actionId': CASE_MANAGERS,
  'GET /statistics': STATISTICS,
  'GET /statistics/report': STATISTICS,
  'GET /statistics/report.css': STATISTICS,
  'GET /statistics/download': STATISTICS,
  'GET /statistics/annual-report': STATISTICS,
  'GET /statistics/releases': STATISTICS,
  // The seeded id names no release: the same 404 for everyone who may read releases.
  'GET /statistics/releases/:id': row('S', 'N', 'N', 'F', 'N'),
  'GET /statistics/releases/:id/download': row('S', 'N', 'N', 'F', 'N'),
  'GET /statistics/publish': CASE_MANAGERS,
  'POST /statistics/publish': CASE_MANAGERS,
  'GET /statistics/calendar': ADMIN,
  'POST /statistics/calendar': ADMIN,
  'GET /statistics/comparators': ADMIN,
  'GET /statistics/annual-report/learning': CASE_MANAGERS,
  'GET /statistics/annual-report/learning/:sourceType/:sourceId': CASE_MANAGERS,
  'POST /statistics/annual-report/learning/:sourceType/:sourceId': CASE_MANAGERS,
  'GET /statistics/annual-report/actions': CASE_MANAGERS,
  'GET /statistics/data-quality': CASE_MANAGERS,
  'POST /statistics/comparators': ADMIN,
  'GET /settings/quorum': ADMIN,
  'POST /settings/quorum': ADMIN,
  'GET /settings/agency-leads': ADMIN,
  'GET /settings/agency-leads/:agency': ADMIN,
  'POST /settings/agency-leads/:agency': ADMIN,
  'GET /settings/local-authorities': ADMIN,
  'POST /settings/local-authorities': ADMIN,
  'POST /settings/local-authorities/:localAuthorityId': ADMIN,
}

/** The URL of a route pattern with seeded ids (case ids under /meetings name a case on the agenda). */
export function urlFor(path: string, params: RouteParams): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'caseId' && path.startsWith('/meetings/')) return params.agendaCaseId
    if (name === 'token' && !path.startsWith('/agency/')) return 'a-link-that-was-never-made-0123456789abcdefgh'
    const value = params[name]
    if (!value) throw new Error(`No seeded value for :${name} in ${path}: add one to accessFixtures.ts`)
    return value
  })
}
