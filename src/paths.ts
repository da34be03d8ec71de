/**
 * Every URL of the service in one place: each route is its pattern and its builder together, so a
 * router mounts `paths.cases.show.pattern` and a view or redirect calls `paths.cases.show(id)` (or
 * `.build(id)`) and the two cannot drift. A fixed URL is just its string. Builders take opaque ids,
 * never names or NHS numbers, and escape what they are given.
 */

/** The names of the `:params` of a pattern, in order. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? [Name, ...ParamNames<`/${Rest}`>]
  : P extends `${string}:${infer Name}`
    ? [Name]
    : []

type ArgsOf<Names extends readonly string[]> = { [K in keyof Names]: string }

export interface Route<Args extends readonly string[]> {
  (...args: Args): string
  /** The pattern a router mounts, its `:params` named as the routers' `router.param` loaders expect. */
  readonly pattern: string
  readonly build: (...args: Args) => string
  /** The pattern with some of its params fixed, for a router that serves each value separately. */
  readonly patternWith: (fixed: Record<string, string>) => string
}

/**
 * A route with parameters; the builder takes them in the order the pattern names them. `Args`
 * narrows them where only some values are URLs (for example an outcome).
 */
export function route<P extends string, Args extends readonly string[] = ArgsOf<ParamNames<P>>>(
  pattern: P,
): Route<Args> {
  const parts = pattern.split(/(:[A-Za-z]+)/)
  const build = (...args: Args): string => {
    let next = 0
    return parts.map(part => (part.startsWith(':') ? encodeURIComponent(args[next++]) : part)).join('')
  }
  const patternWith = (fixed: Record<string, string>): string =>
    parts.map(part => (part.startsWith(':') && part.slice(1) in fixed ? fixed[part.slice(1)] : part)).join('')
  return Object.assign((...args: Args) => build(...args), { pattern, build, patternWith })
}

const paths = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  setup: '/setup',
  setupWithToken: route('/setup/:token'),
  /** The second step of signing in, and setting up a second factor (at first sign-in or by choice). */
  secondFactor: {
    verify: '/sign-in/second-factor',
    setUp: '/second-factor/set-up',
  },
  /** Invitation and password reset links: the token is the only credential, so it is never logged in full. */
  invitation: route('/invitation/:token'),
  passwordReset: route('/reset-password/:token'),
  accessibility: '/accessibility',
  cookies: '/cookies',
  privacy: '/privacy',
  dataDictionary: '/data-dictionary',
  cases: {
    list: '/cases',
    search: '/cases/search',
    notify: '/cases/notify',
    notifyCheck: '/cases/notify/check',
    notifyCancel: '/cases/notify/cancel',
    show: route('/cases/:caseId'),
    edit: route('/cases/:caseId/edit/:section'),
    status: route('/cases/:caseId/status'),
    merge: route('/cases/:caseId/merge'),
    mergeWith: route('/cases/:caseId/merge/:otherId'),
    familyLetter: route('/cases/:caseId/family-letter'),
    familyLetterPrint: route('/cases/:caseId/family-letter/print'),
    familyQuestions: route('/cases/:caseId/family-questions'),
  },
  /** The import of case history from a CSV file, and its template. */
  historyImport: {
    upload: '/cases/import',
    template: '/cases/import/template.csv',
  },
  agencyRequests: {
    list: route('/cases/:caseId/requests'),
    new: route('/cases/:caseId/requests/new'),
    show: route('/cases/:caseId/requests/:requestId'),
    revokeLink: route('/cases/:caseId/requests/:requestId/revoke-link'),
    newLink: route('/cases/:caseId/requests/:requestId/new-link'),
    close: route<'/cases/:caseId/requests/:requestId/:outcome', [string, string, 'cancel' | 'not-involved']>(
      '/cases/:caseId/requests/:requestId/:outcome',
    ),
    paper: route('/cases/:caseId/requests/:requestId/paper'),
  },
  jarEvents: {
    new: route('/cases/:caseId/jar-events/new'),
    edit: route('/cases/:caseId/jar-events/:eventId'),
    remove: route('/cases/:caseId/jar-events/:eventId/remove'),
  },
  /** The agency contact's secure link: the token is the only credential, so it is never logged in full. */
  agencyLink: route('/agency/:token'),
  outbox: {
    list: '/outbox',
    show: route('/outbox/:messageId'),
    retry: route('/outbox/:messageId/retry'),
  },
  meetings: {
    list: '/meetings',
    printStylesheet: '/meetings/print.css',
    schedule: '/meetings/new',
    show: route('/meetings/:meetingId'),
    edit: route('/meetings/:meetingId/edit'),
    members: route('/meetings/:meetingId/members'),
    externalMember: route('/meetings/:meetingId/members/external'),
    removeMember: route('/meetings/:meetingId/members/:memberId/remove'),
    attendance: route('/meetings/:meetingId/attendance'),
    agendaAdd: route('/meetings/:meetingId/agenda/add'),
    agendaMove: route('/meetings/:meetingId/agenda/:itemId/move'),
    agendaRemove: route('/meetings/:meetingId/agenda/:itemId/remove'),
    declarations: route('/meetings/:meetingId/declarations'),
    withdrawDeclaration: route('/meetings/:meetingId/declarations/:declarationId/withdraw'),
    declareInterest: route('/meetings/:meetingId/cases/:caseId/interest'),
    pack: route('/meetings/:meetingId/cases/:caseId/pack'),
    wholePack: route('/meetings/:meetingId/pack'),
    minutes: route('/meetings/:meetingId/minutes'),
    held: route('/meetings/:meetingId/held'),
    cancel: route('/meetings/:meetingId/cancel'),
    postpone: route('/meetings/:meetingId/postpone'),
  },
  reviews: {
    edit: route('/meetings/:meetingId/cases/:caseId/review'),
    autosave: route('/meetings/:meetingId/cases/:caseId/review/autosave'),
    finalise: route('/meetings/:meetingId/cases/:caseId/review/finalise'),
    defer: route('/meetings/:meetingId/cases/:caseId/review/defer'),
  },
  actions: {
    list: '/actions',
    show: route('/actions/:actionId'),
  },
  statistics: {
    chooseYear: '/statistics',
    report: '/statistics/report',
    reportStylesheet: '/statistics/report.css',
    download: '/statistics/download',
    releases: '/statistics/releases',
    release: route('/statistics/releases/:id'),
    releaseDownload: route('/statistics/releases/:id/download'),
    publish: '/statistics/publish',
    poolCalendar: '/statistics/calendar',
    comparators: '/statistics/comparators',
  },
  /**
   * The annual report for the board (the Word document, `?year=` and `&mode=`), and the
   * coordinator's working pages for it beside the statistics, each of a year (`?year=`).
   */
  annualReport: {
    download: '/statistics/annual-report',
    learning: '/statistics/annual-report/learning',
    curate: route('/statistics/annual-report/learning/:sourceType/:sourceId'),
    actions: '/statistics/annual-report/actions',
    dataQuality: '/statistics/data-quality',
  },
  settings: {
    quorum: '/settings/quorum',
    agencyLeads: '/settings/agency-leads',
    agencyLead: route('/settings/agency-leads/:agency'),
    localAuthorities: '/settings/local-authorities',
    localAuthority: route('/settings/local-authorities/:localAuthorityId'),
  },
  admin: {
    users: '/admin/users',
    newUser: '/admin/users/new',
    user: route('/admin/users/:userId'),
    userActive: route('/admin/users/:userId/active'),
    userPasswordReset: route('/admin/users/:userId/password-reset'),
    userInvitation: route<'/admin/users/:userId/invitation/:change', [string, 'resend' | 'revoke']>(
      '/admin/users/:userId/invitation/:change',
    ),
    userSecondFactorReset: route('/admin/users/:userId/second-factor/reset'),
    audit: '/admin/audit',
    auditExport: '/admin/audit/export.csv',
  },
} as const

export default paths
