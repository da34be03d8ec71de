/** Every URL of the service in one place; builders take opaque ids, never names or NHS numbers. */
const paths = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  setup: '/setup',
  setupWithToken: (token: string) => `/setup/${token}`,
  /** The second step of signing in, and setting up a second factor (at first sign-in or by choice). */
  secondFactor: {
    verify: '/sign-in/second-factor',
    setUp: '/second-factor/set-up',
  },
  /** Invitation and password reset links: the token is the only credential, so it is never logged in full. */
  invitation: (token: string) => `/invitation/${token}`,
  passwordReset: (token: string) => `/reset-password/${token}`,
  accessibility: '/accessibility',
  cookies: '/cookies',
  privacy: '/privacy',
  cases: {
    list: '/cases',
    search: '/cases/search',
    notify: '/cases/notify',
    notifyCheck: '/cases/notify/check',
    notifyCancel: '/cases/notify/cancel',
    show: (id: string) => `/cases/${id}`,
    edit: (id: string, section: string) => `/cases/${id}/edit/${section}`,
    status: (id: string) => `/cases/${id}/status`,
  },
  agencyRequests: {
    list: (caseId: string) => `/cases/${caseId}/requests`,
    new: (caseId: string) => `/cases/${caseId}/requests/new`,
    show: (caseId: string, id: string) => `/cases/${caseId}/requests/${id}`,
    revokeLink: (caseId: string, id: string) => `/cases/${caseId}/requests/${id}/revoke-link`,
    newLink: (caseId: string, id: string) => `/cases/${caseId}/requests/${id}/new-link`,
    close: (caseId: string, id: string, outcome: 'cancel' | 'not-involved') =>
      `/cases/${caseId}/requests/${id}/${outcome}`,
    paper: (caseId: string, id: string) => `/cases/${caseId}/requests/${id}/paper`,
  },
  /** The agency contact's secure link: the token is the only credential, so it is never logged in full. */
  agencyLink: (token: string) => `/agency/${token}`,
  outbox: {
    list: '/outbox',
    show: (id: string) => `/outbox/${id}`,
    retry: (id: string) => `/outbox/${id}/retry`,
  },
  meetings: {
    list: '/meetings',
    schedule: '/meetings/new',
    show: (id: string) => `/meetings/${id}`,
    edit: (id: string) => `/meetings/${id}/edit`,
    members: (id: string) => `/meetings/${id}/members`,
    externalMember: (id: string) => `/meetings/${id}/members/external`,
    removeMember: (id: string, memberId: string) => `/meetings/${id}/members/${memberId}/remove`,
    attendance: (id: string) => `/meetings/${id}/attendance`,
    agendaAdd: (id: string) => `/meetings/${id}/agenda/add`,
    agendaMove: (id: string, itemId: string) => `/meetings/${id}/agenda/${itemId}/move`,
    agendaRemove: (id: string, itemId: string) => `/meetings/${id}/agenda/${itemId}/remove`,
    declarations: (id: string) => `/meetings/${id}/declarations`,
    withdrawDeclaration: (id: string, declarationId: string) =>
      `/meetings/${id}/declarations/${declarationId}/withdraw`,
    declareInterest: (id: string, caseId: string) => `/meetings/${id}/cases/${caseId}/interest`,
    pack: (id: string, caseId: string) => `/meetings/${id}/cases/${caseId}/pack`,
    wholePack: (id: string) => `/meetings/${id}/pack`,
    minutes: (id: string) => `/meetings/${id}/minutes`,
  },
  reviews: {
    edit: (meetingId: string, caseId: string) => `/meetings/${meetingId}/cases/${caseId}/review`,
    autosave: (meetingId: string, caseId: string) => `/meetings/${meetingId}/cases/${caseId}/review/autosave`,
    finalise: (meetingId: string, caseId: string) => `/meetings/${meetingId}/cases/${caseId}/review/finalise`,
    defer: (meetingId: string, caseId: string) => `/meetings/${meetingId}/cases/${caseId}/review/defer`,
  },
  actions: {
    list: '/actions',
    show: (id: string) => `/actions/${id}`,
  },
  settings: {
    quorum: '/settings/quorum',
  },
  admin: {
    users: '/admin/users',
    newUser: '/admin/users/new',
    user: (id: string) => `/admin/users/${id}`,
    userActive: (id: string) => `/admin/users/${id}/active`,
    userPasswordReset: (id: string) => `/admin/users/${id}/password-reset`,
    userInvitation: (id: string, action: 'resend' | 'revoke') => `/admin/users/${id}/invitation/${action}`,
    userSecondFactorReset: (id: string) => `/admin/users/${id}/second-factor/reset`,
    audit: '/admin/audit',
  },
} as const

export default paths
