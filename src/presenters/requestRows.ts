import type { AgencyRequest } from '../db/models'
import {
  agencyName,
  displayStatus,
  linkState,
  linkStateLabels,
  requestStatusLabels,
  requestStatusTagClasses,
} from '../services/agencyRequests/requestStatus'

/** A request as the coordinator's pages show it: names, the derived status and its tag. */
export function requestRow(request: AgencyRequest, today: string, now: Date) {
  const status = displayStatus(request, today)
  const link = linkState(request, now)
  return {
    id: request.id,
    agency: agencyName(request),
    contactName: request.contactName,
    contactEmail: request.contactEmail,
    dueDate: request.dueDate,
    status,
    statusLabel: requestStatusLabels[status],
    statusClass: requestStatusTagClasses[status],
    link,
    linkLabel: linkStateLabels[link],
    outstanding: request.status === 'requested',
    submittedAt: request.submittedAt,
    receivedVia: request.receivedVia,
    createdAt: request.createdAt,
  }
}

export type RequestRow = ReturnType<typeof requestRow>
