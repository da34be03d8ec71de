import { Transaction, UniqueConstraintError } from 'sequelize'
import type { Database } from '../../db'
import { meetingCapacities, type MeetingCapacity } from '../../domain/codes'
import type { QuorumRule } from '../../domain/quorum'
import type { AuditContext } from '../auditContext'
import type AuditService from '../auditService'
import ServiceError from '../serviceError'

const KEY = 'quorum'
const STALE = 'Someone else changed the quorum rule while you were editing it'

/** The rule the migration sets up, used until an administrator saves one. */
export const DEFAULT_QUORUM_RULE: QuorumRule = Object.freeze({
  minimumMembers: 5,
  requiredCapacities: ['chair', 'paediatrician', 'police', 'social_care'] as MeetingCapacity[],
})

export interface StoredQuorumRule {
  rule: QuorumRule
  version: number
}

/** Reads a stored value defensively: anything unexpected falls back to the default's part. */
function ruleFrom(value: unknown): QuorumRule {
  const stored = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>
  const minimum = Number(stored.minimumMembers)
  const required = Array.isArray(stored.requiredCapacities)
    ? stored.requiredCapacities.filter(code => meetingCapacities.has(code))
    : DEFAULT_QUORUM_RULE.requiredCapacities
  return {
    minimumMembers: Number.isInteger(minimum) && minimum >= 0 ? minimum : DEFAULT_QUORUM_RULE.minimumMembers,
    requiredCapacities: meetingCapacities.codes.filter(code => required.includes(code)),
  }
}

/** The quorum rule of the panel's terms of reference: a minimum number present and capacities that must be. */
export default class QuorumRuleService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
  ) {}

  async current(transaction?: Transaction): Promise<StoredQuorumRule> {
    const row = await this.db.models.Setting.findByPk(KEY, { transaction })
    return row ? { rule: ruleFrom(row.value), version: row.version } : { rule: DEFAULT_QUORUM_RULE, version: 0 }
  }

  /** Saves a new rule. `version` is the one the form was opened on: a save made since is not overwritten. */
  async update(rule: QuorumRule, version: number, context: AuditContext): Promise<StoredQuorumRule> {
    try {
      return await this.save(rule, version, context)
    } catch (error) {
      // Two first saves at once, with no row to lock: the second meets the first's key.
      if (!(error instanceof UniqueConstraintError)) throw error
      const current = await this.current()
      throw new ServiceError('stale_version', STALE, { current })
    }
  }

  private async save(rule: QuorumRule, version: number, context: AuditContext): Promise<StoredQuorumRule> {
    return this.db.transaction(async transaction => {
      const { Setting } = this.db.models
      const row = await Setting.findByPk(KEY, { transaction, lock: transaction.LOCK.UPDATE })
      const currentVersion = row?.version ?? 0
      if (currentVersion !== version) {
        throw new ServiceError('stale_version', STALE, {
          current: { rule: ruleFrom(row?.value), version: currentVersion },
        })
      }
      const before = row ? ruleFrom(row.value) : DEFAULT_QUORUM_RULE
      const value = { minimumMembers: rule.minimumMembers, requiredCapacities: [...rule.requiredCapacities] }
      let saved
      if (row) {
        row.value = value
        row.updatedBy = context.actorUserId
        saved = await row.save({ transaction })
      } else {
        // Version 0 is the rule as first set up, so a first save is version 1 here too.
        saved = await Setting.create({ key: KEY, value, updatedBy: context.actorUserId, version: 1 }, { transaction })
      }
      await this.auditService.record(
        context,
        { action: 'quorum_rule_changed', entityType: 'setting', entityId: KEY, details: { from: before, to: value } },
        transaction,
      )
      return { rule: ruleFrom(saved.value), version: saved.version }
    })
  }
}
