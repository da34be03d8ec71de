import type { AuditAction } from '../services/auditService'
import { agencies, caseStatuses, jarEventKinds, roles } from './codes'
import { formatGovukDate, isValidIsoDate } from './dates'

/** One audit row, as the wording needs it. */
export interface WordedEvent {
  action: string
  entityType: string | null
  entityId: string | null
  details: Record<string, unknown>
}

/** Names for the ids an audit row holds; unknown ids are described without them. */
export interface AuditNames {
  caseRef: (caseId: string) => string | undefined
  person: (userId: string) => string | undefined
}

type Wording = (e: WordedEvent, n: Helpers) => string

interface Helpers {
  /** 'case CDOP-2025-0001', or 'a case' when it is not known. */
  theCase: (id?: unknown) => string
  person: (id?: unknown) => string
  agency: () => string
  meeting: () => string
  count: (value: unknown, one: string, many?: string) => string
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const roleList = (value: unknown) =>
  Array.isArray(value) && value.length ? value.map(r => roles.label(String(r)).toLowerCase()).join(', ') : 'no roles'
const fieldCount = (value: unknown) =>
  Array.isArray(value) && value.length ? ` (${plural(value.length, 'field')})` : ''

const REFUSALS: Record<string, string> = {
  address_throttled: 'too many attempts from this address',
  locked: 'the account was locked',
  expired: 'it had expired',
  revoked: 'it had been revoked',
  used: 'the report was already submitted',
  closed: 'the request was closed',
}
const FAILURES: Record<string, string> = {
  wrong_password: 'wrong password',
  unknown_account: 'no account with that email address',
  inactive_account: 'the account is deactivated',
}
const jarEventOf = (e: WordedEvent) =>
  typeof e.details.kind === 'string' ? jarEventKinds.label(e.details.kind) : 'An event'
const statusOf = (value: unknown) => (typeof value === 'string' ? caseStatuses.label(value) : 'an unknown status')
const yearOf = (e: WordedEvent) =>
  e.entityId ?? (typeof e.details.financialYear === 'string' ? e.details.financialYear : 'a year')
const reasonOf = (value: unknown, words: Record<string, string>) =>
  typeof value === 'string' ? (words[value] ?? value.replace(/_/g, ' ')) : 'no reason recorded'

/** What each action records, in words. Every action the service writes has its own sentence. */
const WORDING: Record<AuditAction, Wording> = {
  sign_in: () => 'Signed in',
  sign_in_failed: e => `Failed sign-in: ${reasonOf(e.details.reason, FAILURES)}`,
  sign_in_refused: e => `Sign-in refused: ${reasonOf(e.details.reason, REFUSALS)}`,
  sign_out: () => 'Signed out',
  sign_in_password_accepted: () => 'Password accepted; second factor asked for',
  second_factor_failed: () => 'Wrong second-factor code at sign-in',
  second_factor_refused: () => 'Second-factor code refused: too many attempts',
  second_factor_enrolled: (_e, n) => `Second factor set up for ${n.person()}`,
  second_factor_reset: (_e, n) => `Second factor of ${n.person()} reset by an administrator`,
  recovery_code_used: (_e, n) => `Recovery code used to sign in by ${n.person()}`,
  user_invited: (e, n) => `Invitation sent to ${n.person()} (${roleList(e.details.roles)})`,
  invitation_resent: (_e, n) => `Invitation to ${n.person()} sent again`,
  invitation_revoked: (_e, n) => `Invitation to ${n.person()} withdrawn`,
  invitation_accepted: (_e, n) => `${n.person()} accepted their invitation and chose a password`,
  password_reset_link_sent: (_e, n) => `Password reset link sent to ${n.person()}`,
  password_reset_completed: (_e, n) => `${n.person()} chose a new password through a reset link`,
  first_admin_created: (_e, n) => `First administrator account created: ${n.person()}`,
  user_created: (e, n) => `Account created for ${n.person()} (${roleList(e.details.roles)})`,
  user_updated: (e, n) => {
    const after = (e.details.after ?? {}) as Record<string, unknown>
    return `Account of ${n.person()} changed: now ${roleList(after.roles)}`
  },
  user_deactivated: (_e, n) => `Account of ${n.person()} deactivated`,
  user_reactivated: (_e, n) => `Account of ${n.person()} reactivated`,
  user_password_set: (_e, n) => `New password set for ${n.person()} by an administrator`,
  audit_log_viewed: () => 'Viewed the audit log',
  audit_log_exported: () => 'Exported audit log entries as CSV',
  cases_imported: e => `Imported ${plural(Number(e.details.count) || 0, 'case')} from a case history file`,
  case_imported: (_e, n) => `Created ${n.theCase()} from a case history import`,
  statistics_viewed: e => `Viewed unsuppressed statistics for ${yearOf(e)}`,
  statistics_exported: e =>
    `Exported unsuppressed statistics for ${yearOf(e)}` +
    (e.details.format ? ` as ${String(e.details.format).toUpperCase()}` : ''),
  national_comparator_saved: e => `National comparator for ${e.entityId ?? 'a year'} saved`,
  case_notified: (_e, n) => `Notified a death: ${n.theCase()} created`,
  case_viewed: (_e, n) => `Viewed ${n.theCase()}`,
  case_updated: (e, n) => `Changed ${n.theCase()}${fieldCount(e.details.fields)}`,
  case_status_changed: (e, n) =>
    `Status of ${n.theCase()} changed from ${statusOf(e.details.from)} to ${statusOf(e.details.to)}`,
  case_list_viewed: e =>
    Array.isArray(e.details.caseIds)
      ? `Viewed the dashboard (${plural(e.details.caseIds.length, 'case')} shown)`
      : `Viewed the case list${e.details.searched ? ' after a search' : ''} (${plural(Number(e.details.shown) || 0, 'case')} shown)`,
  review_started: (_e, n) => `Panel review of ${n.theCase()} started`,
  review_draft_saved: (e, n) =>
    `Panel review of ${n.theCase(e.details.caseId)} saved as a draft${fieldCount(e.details.fields)}`,
  review_superseded: (_e, n) => `Panel review of ${n.theCase()} replaced by a new one`,
  review_finalised: (_e, n) => `Panel review of ${n.theCase()} finalised`,
  review_quorum_overridden: (_e, n) => `Panel review of ${n.theCase()} finalised without a quorum`,
  review_deferred: (_e, n) => `Panel review of ${n.theCase()} deferred to a later meeting`,
  action_updated: (e, n) => `Action on ${n.theCase(e.details.caseId)} updated${fieldCount(e.details.fields)}`,
  meeting_scheduled: (_e, n) => `Panel meeting on ${n.meeting()} scheduled`,
  meeting_updated: e => `Panel meeting changed${fieldCount(e.details.fields)}`,
  meeting_members_invited: (e, n) =>
    `Invited ${n.count(e.details.userIds ?? e.details.invited, 'panel member')} to a meeting`,
  meeting_member_added: (e, n) =>
    `${typeof e.details.userId === 'string' ? n.person(e.details.userId) : 'An attendee'} added to a meeting` +
    (typeof e.details.capacity === 'string' ? ` (${e.details.capacity.replace(/_/g, ' ')})` : ''),
  meeting_member_removed: (e, n) => `${n.person(e.details.userId)} removed from a meeting`,
  meeting_attendance_recorded: (e, n) =>
    `Attendance recorded for a meeting (${n.count(e.details.present, 'person', 'people')} present)`,
  agenda_case_added: (_e, n) => `${n.theCase()} added to the agenda of the meeting on ${n.meeting()}`,
  agenda_case_removed: (_e, n) => `${n.theCase()} removed from the agenda of the meeting on ${n.meeting()}`,
  agenda_reordered: (e, n) =>
    `${n.theCase(e.details.caseId)} moved ${e.details.direction === 'up' ? 'up' : 'down'} the agenda`,
  interest_declared: (e, n) => `Interest in ${n.theCase()} declared for ${n.person(e.details.userId)}`,
  interest_withdrawn: (e, n) => `Declaration of interest in ${n.theCase()} withdrawn for ${n.person(e.details.userId)}`,
  pack_viewed: (e, n) =>
    e.details.whole
      ? `Viewed a meeting's whole pack (${n.count(e.details.caseIds, 'case')})`
      : `Viewed a case in a meeting pack`,
  quorum_rule_changed: () => 'Changed the quorum rule for panel meetings',
  agency_request_sent: (_e, n) => `Information about ${n.theCase()} requested from ${n.agency()}`,
  agency_request_viewed: (e, n) => `Viewed the request to ${n.agency()} about ${n.theCase(e.details.caseId)}`,
  agency_request_cancelled: (_e, n) => `Request to ${n.agency()} about ${n.theCase()} cancelled`,
  agency_request_not_involved: (_e, n) => `${n.agency()} recorded as not involved in ${n.theCase()}`,
  agency_link_revoked: (_e, n) => `Link for ${n.agency()} about ${n.theCase()} revoked`,
  agency_link_reissued: (_e, n) => `New link sent to ${n.agency()} about ${n.theCase()}`,
  agency_link_opened: (e, n) => `${n.agency()} opened its link about ${n.theCase(e.details.caseId)}`,
  agency_link_refused: (e, n) =>
    `Link for ${n.agency()} about ${n.theCase()} refused: ${reasonOf(e.details.reason, REFUSALS)}`,
  agency_report_draft_saved: (e, n) => `${n.agency()} saved a draft report about ${n.theCase(e.details.caseId)}`,
  agency_report_submitted: (e, n) =>
    e.details.involved === false
      ? `${n.agency()} said it had no involvement with ${n.theCase()}`
      : `Report about ${n.theCase()} received from ${n.agency()}`,
  agency_report_recorded: (_e, n) => `Report from ${n.agency()} about ${n.theCase()} recorded (received another way)`,
  agency_reminder_sent: (e, n) =>
    e.details.step === 'escalation'
      ? `Overdue request to ${n.agency()} about ${n.theCase()} escalated to the agency's lead`
      : `${e.details.step === 'overdue' ? 'Overdue reminder' : 'Reminder'} sent to ${n.agency()} about ${n.theCase()}`,
  statistics_release_published: e =>
    `Published the statistics release for ${typeof e.details.period === 'string' ? e.details.period : 'a period'} (version ${Number(e.details.version) || 1})`,
  statistics_release_corrected: e =>
    `Published a correction of the statistics for ${typeof e.details.period === 'string' ? e.details.period : 'a period'} (version ${Number(e.details.version) || 'unknown'}): ${typeof e.details.reason === 'string' ? e.details.reason : 'no reason recorded'}`,
  statistics_pool_grid_changed: () => 'Changed the calendar of pooled statistics periods',
  annual_report_produced: e =>
    `Produced the ${e.details.mode === 'unsuppressed' ? 'confidential unsuppressed' : 'published'} annual report ` +
    `for ${yearOf(e)}${e.details.via === 'cli' ? ' on the command line' : ''}`,
  case_merged: (e, n) =>
    `${typeof e.details.mergedCaseRef === 'string' ? e.details.mergedCaseRef : 'Another case'} merged into ${n.theCase()}`,
  case_merged_into: (e, n) =>
    `${n.theCase()} merged into ${typeof e.details.survivorRef === 'string' ? e.details.survivorRef : 'another case'}`,
  meeting_held: (_e, n) => `Panel meeting on ${n.meeting()} marked as held`,
  meeting_cancelled: (_e, n) => `Panel meeting on ${n.meeting()} cancelled`,
  meeting_postponed: (_e, n) => `Panel meeting on ${n.meeting()} postponed`,
  minutes_viewed: (_e, n) => `Read the minutes of the panel meeting on ${n.meeting()}`,
  family_letter_drafted: (_e, n) => `Letter to the family of ${n.theCase()} drafted from the review`,
  family_letter_saved: (_e, n) => `Letter to the family of ${n.theCase()} saved`,
  family_letter_viewed: (_e, n) => `Read the letter to the family of ${n.theCase()}`,
  family_questions_answer_recorded: (_e, n) =>
    `Recorded whether the family's questions about ${n.theCase()} were answered`,
  jar_event_added: (e, n) => `${jarEventOf(e)} added to the joint agency response of ${n.theCase()}`,
  jar_event_changed: (e, n) => `${jarEventOf(e)} changed in the joint agency response of ${n.theCase()}`,
  jar_event_removed: (e, n) => `${jarEventOf(e)} removed from the joint agency response of ${n.theCase()}`,
  agency_lead_changed: e =>
    `Lead contact for ${typeof e.details.agency === 'string' ? agencies.label(e.details.agency) : 'an agency'} changed`,
  local_authorities_changed: e => {
    const name = typeof e.details.name === 'string' ? e.details.name : 'a local authority'
    const change = e.details.change
    if (change === 'add') return `Added ${name} to the local authorities the panel covers`
    if (change === 'remove') return `Removed ${name} from the local authorities the panel covers`
    return `Moved ${name} ${change === 'up' ? 'up' : 'down'} the list of local authorities`
  },
  case_readiness_overridden: (_e, n) => `${n.theCase()} sent to panel with information missing`,
  outbox_message_viewed: () => 'Viewed an e-mail in the outbox',
  report_learning_listed: e =>
    `Viewed the learning for the ${yearOf(e)} annual report (${plural(Number(e.details.shown) || 0, 'item')} listed)`,
  report_learning_viewed: (e, n) =>
    `Read the original ${e.details.sourceType === 'action' ? 'recommendation' : 'learning points'} of ${n.theCase()} to curate them for the annual report`,
  report_learning_decided: (e, n) => {
    const what = e.details.sourceType === 'action' ? 'a recommendation' : 'the learning points'
    return e.details.decision === 'include'
      ? `Included ${what} of ${n.theCase()} in the annual report, in curated wording`
      : `Left ${what} of ${n.theCase()} out of the annual report`
  },
  report_actions_viewed: e =>
    `Viewed the actions and their impact for the ${yearOf(e)} annual report (${plural(Number(e.details.shown) || 0, 'action')} shown)`,
  data_quality_viewed: e =>
    `Viewed the data quality list for ${yearOf(e)} (${plural(Array.isArray(e.details.caseIds) ? e.details.caseIds.length : 0, 'case')} listed)`,
  outbox_message_retried: e => `Asked to send an e-mail again (attempt ${Number(e.details.attempts) + 1 || 'unknown'})`,
}

export const auditActionCodes = Object.keys(WORDING) as AuditAction[]

export const isAuditAction = (value: unknown): value is AuditAction =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(WORDING, value)

/** The short name of an action for a filter list: its sentence's subject, e.g. 'Case viewed'. */
export function actionLabel(action: string): string {
  const words = action.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Says in one sentence what an audit row records, with names and references instead of ids. */
export function describeAuditEvent(event: WordedEvent, names: AuditNames): string {
  const details = (event.details ?? {}) as Record<string, unknown>
  const e = { ...event, details }
  const caseId = (id?: unknown) => {
    if (typeof id === 'string') return id
    if (event.entityType === 'case' && event.entityId) return event.entityId
    return typeof details.caseId === 'string' ? details.caseId : undefined
  }
  const helpers: Helpers = {
    theCase: id => {
      const found = caseId(id)
      const ref = found ? names.caseRef(found) : undefined
      return ref ? `case ${ref}` : 'a case'
    },
    person: id => {
      const own = event.entityType === 'user' ? event.entityId : undefined
      const userId = typeof id === 'string' ? id : own
      return (userId && names.person(userId)) || 'someone no longer known'
    },
    agency: () => (typeof details.agency === 'string' ? agencies.label(details.agency) : 'an agency'),
    meeting: () => (isValidIsoDate(details.meetingDate) ? formatGovukDate(details.meetingDate) : 'an unknown date'),
    count: (value, one, many) => plural(Array.isArray(value) ? value.length : Number(value) || 0, one, many),
  }
  const wording = isAuditAction(event.action) ? WORDING[event.action] : undefined
  return wording ? wording(e, helpers) : actionLabel(event.action)
}

/** Every id a row names that the wording may look up: case ids and account ids. */
export function idsIn(event: WordedEvent): { caseIds: string[]; userIds: string[] } {
  const details = (event.details ?? {}) as Record<string, unknown>
  const caseIds: string[] = []
  const userIds: string[] = []
  if (event.entityType === 'case' && event.entityId) caseIds.push(event.entityId)
  if (typeof details.caseId === 'string') caseIds.push(details.caseId)
  if (event.entityType === 'user' && event.entityId) userIds.push(event.entityId)
  if (typeof details.userId === 'string') userIds.push(details.userId)
  return { caseIds, userIds }
}
