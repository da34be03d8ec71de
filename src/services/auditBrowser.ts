import { QueryTypes } from 'sequelize'
import type { Database } from '../db'

/** What the audit log viewer filters by; every value already checked by the page. */
export interface AuditFilter {
  actorUserId?: string
  /** The case's id: rows about the case, or naming it in their details. */
  caseId?: string
  action?: string
  /** Calendar days in London, inclusive. */
  from?: string
  to?: string
}

export interface AuditPageRow {
  id: string
  seq: string | null
  occurredAt: Date
  actorUserId: string | null
  actorName: string | null
  action: string
  entityType: string | null
  entityId: string | null
  requestId: string | null
  ip: string | null
  details: Record<string, unknown>
}

/**
 * Keyset paging over the audit log, newest first, without counting the table: `before` gives the
 * page after a row, `after` the page before it. One extra row says whether there is more.
 */
export default class AuditBrowser {
  constructor(private readonly db: Database) {}

  private where(filter: AuditFilter, bind: unknown[]): string {
    const clauses: string[] = []
    const param = (value: unknown) => {
      bind.push(value)
      return `$${bind.length}`
    }
    if (filter.actorUserId) clauses.push(`e.actor_user_id = ${param(filter.actorUserId)}::uuid`)
    if (filter.action) clauses.push(`e.action = ${param(filter.action)}`)
    if (filter.caseId) {
      const id = param(filter.caseId)
      clauses.push(
        `((e.entity_type = 'case' AND e.entity_id = ${id}) OR e.details @> jsonb_build_object('caseId', ${id}::text))`,
      )
    }
    if (filter.from)
      clauses.push(`e.occurred_at >= (${param(filter.from)}::date::timestamp AT TIME ZONE 'Europe/London')`)
    if (filter.to) {
      clauses.push(`e.occurred_at < ((${param(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`)
    }
    return clauses.length ? clauses.join(' AND ') : 'true'
  }

  private select(where: string, order: 'ASC' | 'DESC', limit: string): string {
    return `SELECT e.id::text AS "id", e.seq::text AS "seq", e.occurred_at AS "occurredAt",
                   e.actor_user_id AS "actorUserId", u.name AS "actorName", e.action,
                   e.entity_type AS "entityType", e.entity_id AS "entityId", e.request_id AS "requestId",
                   e.ip, e.details
            FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
            WHERE ${where} ORDER BY e.id ${order} LIMIT ${limit}`
  }

  async page(
    filter: AuditFilter,
    cursor: { before?: string; after?: string },
    pageSize: number,
  ): Promise<{ rows: AuditPageRow[]; newer: string | null; older: string | null }> {
    const bind: unknown[] = []
    let where = this.where(filter, bind)
    const ascending = Boolean(cursor.after)
    if (cursor.before) where += ` AND e.id < ${(bind.push(cursor.before), `$${bind.length}`)}::bigint`
    if (cursor.after) where += ` AND e.id > ${(bind.push(cursor.after), `$${bind.length}`)}::bigint`
    const found = await this.db.sequelize.query<AuditPageRow>(
      this.select(where, ascending ? 'ASC' : 'DESC', String(pageSize + 1)),
      { bind, type: QueryTypes.SELECT },
    )
    const more = found.length > pageSize
    const rows = found.slice(0, pageSize)
    if (ascending) rows.reverse()
    const first = rows[0]?.id ?? null
    const last = rows.at(-1)?.id ?? null
    return {
      rows,
      // Going back (after), there is a newer page only if there was more, and always an older one;
      // going forward (before), always a newer one, and an older one only if there was more.
      newer: (ascending ? more : Boolean(cursor.before)) ? first : null,
      older: ascending || more ? last : null,
    }
  }

  /** Every matching row, newest first, a batch at a time (for a streamed export). */
  async *all(filter: AuditFilter, batch = 1000): AsyncGenerator<AuditPageRow[]> {
    let before: string | undefined
    for (;;) {
      const bind: unknown[] = []
      let where = this.where(filter, bind)
      if (before) where += ` AND e.id < ${(bind.push(before), `$${bind.length}`)}::bigint`
      const rows = await this.db.sequelize.query<AuditPageRow>(this.select(where, 'DESC', String(batch)), {
        bind,
        type: QueryTypes.SELECT,
      })
      if (rows.length) yield rows
      if (rows.length < batch) return
      before = rows.at(-1)!.id
    }
  }

  /** Case references and account names for the ids the rows mention. */
  async names(caseIds: string[], userIds: string[]) {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    const cases = [...new Set(caseIds.filter(id => uuid.test(id)))]
    const users = [...new Set(userIds.filter(id => uuid.test(id)))]
    const [caseRows, userRows] = await Promise.all([
      cases.length
        ? this.db.models.Case.findAll({ where: { id: cases }, attributes: ['id', 'caseRef'] })
        : Promise.resolve([]),
      users.length
        ? this.db.models.User.findAll({ where: { id: users }, attributes: ['id', 'name'] })
        : Promise.resolve([]),
    ])
    const refs = new Map(caseRows.map(c => [c.id, c.caseRef]))
    const people = new Map(userRows.map(u => [u.id, u.name]))
    return { caseRef: (id: string) => refs.get(id), person: (id: string) => people.get(id) }
  }

  async caseIdFor(caseRef: string): Promise<string | null> {
    const found = await this.db.models.Case.findOne({ where: { caseRef }, attributes: ['id'] })
    return found?.id ?? null
  }
}
