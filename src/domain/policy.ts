import type { Role } from './codes'

/**
 * Who may do what: each capability names the roles that hold it. Routers guard with
 * `requireCapability`, the navigation shows what a person can reach, and services ask `can` — all
 * from this one table, so a role's reach is changed here and nowhere else (product.md, "Roles").
 */
export const CAPABILITIES = {
  /** Sign in, see the home page, set up a second factor. */
  useService: ['admin', 'coordinator', 'panel_member', 'public_health'],
  /** Find and read case records (the case list, a case, its dashboard). */
  viewCases: ['coordinator', 'admin'],
  /** Notify, edit, change status, merge, write to the family, record joint agency response events. */
  editCase: ['coordinator', 'admin'],
  /** Ask agencies for their reports and record the answers. */
  manageAgencyRequests: ['coordinator', 'admin'],
  /** Import case history from a CSV file. */
  importCaseHistory: ['coordinator', 'admin'],
  /** Read and retry the outbox of emails sent to agencies. */
  viewOutbox: ['coordinator', 'admin'],
  /** Read outbox messages about accounts (invitations, password resets). */
  readAccountMessages: ['admin'],
  /** Follow up the actions panels agree. */
  manageActions: ['coordinator', 'admin'],
  /** Reach the meetings pages (a panel member only the meetings they are invited to). */
  attendMeetings: ['coordinator', 'admin', 'panel_member'],
  /** Schedule and run meetings, and read every case pack. */
  manageMeetings: ['coordinator', 'admin'],
  /** Sit on a panel when invited: declare interests, read the packs of the cases not declared. */
  sitOnPanel: ['panel_member'],
  /** Reach the review of a case on an agenda (a panel member records it only as chair). */
  reviewCase: ['coordinator', 'admin', 'panel_member'],
  /** Read published statistics releases. */
  viewPublishedStatistics: ['coordinator', 'admin', 'public_health'],
  /** Work with the live figures, unsuppressed included (statistics.md §3). */
  viewLiveStatistics: ['coordinator', 'admin'],
  /** Publish a statistics release. */
  publishStatistics: ['coordinator', 'admin'],
  /** Curate the annual report's learning, read its actions and the data quality list. */
  prepareAnnualReport: ['coordinator', 'admin'],
  /** Enter the national comparators and set the calendar of pooled periods. */
  administerStatistics: ['admin'],
  /** Invite people, change their roles, reset their access. */
  administerAccounts: ['admin'],
  /** Read and export the audit log. */
  viewAuditLog: ['admin'],
  /** Change the service's settings: the quorum rule, the agency leads, the local authorities. */
  changeSettings: ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof CAPABILITIES

export const capabilities = Object.keys(CAPABILITIES) as Capability[]

/** Whether a person holding these roles has the capability; nobody signed in has none. */
export const can = (user: { roles: readonly Role[] } | undefined | null, capability: Capability): boolean =>
  !!user && user.roles.some(role => (CAPABILITIES[capability] as readonly Role[]).includes(role))
