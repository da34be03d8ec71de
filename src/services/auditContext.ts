/** Who is acting and on which request: passed from the route to every service call that writes. */
export interface AuditContext {
  actorUserId: string | null
  requestId: string | null
  ip: string | null
}

export const systemContext = (requestId: string | null = null): AuditContext => ({
  actorUserId: null,
  requestId,
  ip: null,
})
