import type { Request } from 'express'
import type { AuditContext } from '../services/auditContext'

/** The audit context of a request: who, which request, from where. */
export function auditContext(req: Request): AuditContext {
  return { actorUserId: req.user?.id ?? null, requestId: req.id ? String(req.id) : null, ip: req.ip ?? null }
}
