import { Transaction, UniqueConstraintError } from 'sequelize'
import type { Database } from '../../db'
import type { AgencyLead } from '../../db/models'
import { agencies, type Agency } from '../../domain/codes'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'

/** Every agency but `other`, which is a different organisation on each request and has no standing lead. */
export const LEAD_AGENCIES = agencies.items.filter(item => item.code !== 'other')

export const isLeadAgency = (code: unknown): code is Agency =>
  typeof code === 'string' && LEAD_AGENCIES.some(item => item.code === code)

export interface LeadContact {
  name: string
  email: string
}

const changeOf = (contact: LeadContact | null, row: AgencyLead | null) => {
  if (!contact) return 'removed'
  return row ? 'changed' : 'added'
}

const STALE = 'Someone else changed this lead contact while you were editing it'

/**
 * The named lead of each agency, kept by an administrator, to whom the reminder job escalates an
 * overdue report. No row means no lead (version 0); the first save is version 1, so a form opened
 * before someone else's first save or removal is told, not silently overwritten.
 */
export default class AgencyLeadService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
  ) {}

  /** Every agency that can have a lead, in the list's order, with its lead or null. */
  async list(): Promise<{ agency: Agency; label: string; lead: AgencyLead | null }[]> {
    const rows = await this.db.models.AgencyLead.findAll()
    return LEAD_AGENCIES.map(item => ({
      agency: item.code,
      label: item.label,
      lead: rows.find(row => row.agency === item.code) ?? null,
    }))
  }

  find(agency: Agency, transaction?: Transaction): Promise<AgencyLead | null> {
    return this.db.models.AgencyLead.findByPk(agency, { transaction })
  }

  /** Sets (or with null, removes) an agency's lead. `version` is the one the form was opened on. */
  async save(agency: Agency, contact: LeadContact | null, version: number, context: AuditContext) {
    if (!isLeadAgency(agency)) throw new ServiceError('invalid', 'Choose an agency from the list')
    try {
      return await this.db.transaction(async transaction => {
        const row = await this.db.models.AgencyLead.findByPk(agency, { transaction, lock: transaction.LOCK.UPDATE })
        if ((row?.version ?? 0) !== version) throw new ServiceError('stale_version', STALE, { current: row })
        let saved: AgencyLead | null = null
        if (!contact) {
          if (!row) throw new ServiceError('refused', 'This agency has no lead contact to remove')
          await row.destroy({ transaction })
        } else if (row) {
          row.set({ leadName: contact.name, leadEmail: contact.email, updatedBy: context.actorUserId })
          saved = await row.save({ transaction })
        } else {
          saved = await this.db.models.AgencyLead.create(
            { agency, leadName: contact.name, leadEmail: contact.email, updatedBy: context.actorUserId, version: 1 },
            { transaction },
          )
        }
        await this.auditService.record(
          context,
          {
            action: 'agency_lead_changed',
            entityType: 'setting',
            entityId: `agency_lead:${agency}`,
            details: { agency, change: changeOf(contact, row) },
          },
          transaction,
        )
        return saved
      })
    } catch (error) {
      // Two first saves at once, with no row to lock: the second meets the first's key.
      if (!(error instanceof UniqueConstraintError)) throw error
      throw new ServiceError('stale_version', STALE, { current: await this.find(agency) })
    }
  }
}
