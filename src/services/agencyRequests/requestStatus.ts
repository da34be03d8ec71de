import type { AgencyRequestStatus } from '../../db/models/AgencyRequest'
import { agencies } from '../../domain/codes'
import { compareIsoDates, IsoDate } from '../../domain/dates'

/** What people see: the stored status, or `overdue` for a request still awaited after its due date. */
export type RequestDisplayStatus = AgencyRequestStatus | 'overdue'

export const requestStatusLabels: Record<RequestDisplayStatus, string> = {
  requested: 'Requested',
  overdue: 'Overdue',
  received: 'Received',
  not_involved: 'Not involved',
  cancelled: 'Cancelled',
}

export const requestStatusTagClasses: Record<RequestDisplayStatus, string> = {
  requested: 'govuk-tag--blue',
  overdue: 'govuk-tag--red',
  received: 'govuk-tag--green',
  not_involved: 'govuk-tag--grey',
  cancelled: 'govuk-tag--grey',
}

/**
 * Overdue is derived, never stored: a request still `requested` on a day after its due date. Due
 * today is not yet overdue. `today` is the calendar date in England (dates.todayInLondon).
 */
export function displayStatus(request: { status: AgencyRequestStatus; dueDate: IsoDate }, today: IsoDate) {
  if (request.status === 'requested' && compareIsoDates(request.dueDate, today) < 0) return 'overdue' as const
  return request.status
}

/** Still waiting for the agency: requested, overdue or not. */
export const isOutstanding = (request: { status: AgencyRequestStatus }) => request.status === 'requested'

/** "GP", or the agency's own name for `other`. */
export function agencyName(request: { agency: string; agencyOther?: string | null }): string {
  return request.agency === 'other' && request.agencyOther ? request.agencyOther : agencies.label(request.agency)
}

/** Why a link cannot be used, from the agency contact's point of view. */
export type LinkRefusal = 'tampered' | 'unknown' | 'expired' | 'revoked' | 'used' | 'closed'

export type LinkState = 'active' | Exclude<LinkRefusal, 'tampered' | 'unknown'>

/**
 * The state of a request's link. Order matters: a submitted report makes the link "used" whatever
 * else is true, so the contact always gets the confirmation, never an error.
 */
export function linkState(
  request: {
    status: AgencyRequestStatus
    receivedVia: string | null
    tokenExpiresAt: Date | null
    tokenRevokedAt: Date | null
  },
  now: Date,
): LinkState {
  if (request.receivedVia === 'link') return 'used'
  if (request.status !== 'requested') return 'closed'
  if (request.tokenRevokedAt) return 'revoked'
  if (!request.tokenExpiresAt || request.tokenExpiresAt.getTime() <= now.getTime()) return 'expired'
  return 'active'
}

export const linkStateLabels: Record<LinkState, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  used: 'Used: report submitted',
  closed: 'Closed',
}
