/**
 * The local authorities the panel covers, kept by an administrator in the order the statistics and
 * the annual report list them (issue 12). Every change is audited. Each change names the version
 * of the list it was made on (`listVersion`, a digest of ids, names and order), so a page opened
 * before someone else's change is told rather than acting on a list that is no longer there.
 */
import { createHash } from 'node:crypto'
import { QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize'
import type { Database } from '../../db'
import { authorityCode, authorityNameProblem } from '../../domain/localAuthorities'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'

export interface LocalAuthority {
  id: string
  name: string
}

const STALE = 'Someone else changed the list of local authorities while you were looking at it'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The listed authorities, in order, straight from the database (for services that count by them). */
export async function listLocalAuthorities(db: Database, transaction?: Transaction): Promise<LocalAuthority[]> {
  return db.sequelize.query<LocalAuthority>('SELECT id, name FROM local_authorities ORDER BY position, name', {
    type: QueryTypes.SELECT,
    transaction,
  })
}

export function listVersionOf(list: readonly LocalAuthority[]): string {
  return createHash('sha256')
    .update(JSON.stringify(list.map(a => [a.id, a.name])))
    .digest('hex')
    .slice(0, 16)
}

export type ListChange = { kind: 'add'; name: string } | { kind: 'remove' | 'up' | 'down'; id: string }

export default class LocalAuthorityService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
  ) {}

  /** The listed authorities in the administrator's order. */
  list(): Promise<LocalAuthority[]> {
    return listLocalAuthorities(this.db)
  }

  /** The listed authority of this name (case-insensitive, trimmed), or null. */
  async findByName(name: string): Promise<LocalAuthority | null> {
    const key = name.trim().toLowerCase()
    return (await this.list()).find(a => a.name.toLowerCase() === key) ?? null
  }

  async listVersion(): Promise<string> {
    return listVersionOf(await this.list())
  }

  /** Adds, removes or moves one authority; refused with the reason a person can act on. */
  async change(change: ListChange, listVersion: string, context: AuditContext): Promise<LocalAuthority[]> {
    try {
      return await this.db.transaction(async transaction => {
        await this.db.sequelize.query("SELECT pg_advisory_xact_lock(hashtext('local_authorities'))", { transaction })
        const list = await listLocalAuthorities(this.db, transaction)
        if (listVersionOf(list) !== listVersion) throw new ServiceError('stale_version', STALE, { current: list })
        let next: LocalAuthority[]
        let name: string
        if (change.kind === 'add') {
          name = change.name.trim()
          const problem = authorityNameProblem(
            name,
            list.map(a => a.name),
          )
          if (problem) throw new ServiceError('invalid', problem)
          const [row] = await this.db.sequelize.query<LocalAuthority>(
            `INSERT INTO local_authorities (name, position, created_by)
             VALUES (:name, (SELECT coalesce(max(position), 0) + 1 FROM local_authorities), :by) RETURNING id, name`,
            { type: QueryTypes.SELECT, transaction, replacements: { name, by: context.actorUserId } },
          )
          next = [...list, row]
        } else {
          const index = list.findIndex(a => a.id === change.id)
          if (index === -1) throw new ServiceError('not_found', 'That local authority is no longer in the list')
          name = list[index].name
          next = [...list]
          if (change.kind === 'remove') next.splice(index, 1)
          else {
            const to = change.kind === 'up' ? index - 1 : index + 1
            if (to < 0 || to >= list.length) {
              throw new ServiceError('refused', `${name} is already ${change.kind === 'up' ? 'first' : 'last'}`)
            }
            ;[next[index], next[to]] = [next[to], next[index]]
          }
          if (change.kind === 'remove') {
            await this.db.sequelize.query('DELETE FROM local_authorities WHERE id = :id', {
              transaction,
              replacements: { id: change.id },
            })
          }
          for (const [i, authority] of next.entries()) {
            await this.db.sequelize.query('UPDATE local_authorities SET position = :position WHERE id = :id', {
              transaction,
              replacements: { position: i + 1, id: authority.id },
            })
          }
        }
        await this.auditService.record(
          context,
          {
            action: 'local_authorities_changed',
            entityType: 'setting',
            entityId: 'local_authorities',
            details: { change: change.kind, name, code: authorityCode(name), list: next.map(a => a.name) },
          },
          transaction,
        )
        return next
      })
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) throw error
      throw new ServiceError('stale_version', STALE, { current: await this.list() })
    }
  }
}
