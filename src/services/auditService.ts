import { Op, Transaction, WhereOptions } from 'sequelize'
import type { Database } from '../db'
import type { AuditEvent } from '../db/models'
import type { AuditContext } from './auditContext'

/** Every action the audit log knows; a closed list so reports can rely on the names. */
export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_refused'
  | 'sign_out'
  | 'first_admin_created'
  | 'user_created'
  | 'user_updated'
  | 'user_deactivated'
  | 'user_reactivated'
  | 'user_password_set'
  | 'audit_log_viewed'
  | 'audit_log_exported'
  | 'cases_imported'
  | 'case_imported'
  | 'statistics_viewed'
  | 'statistics_exported'
  | 'national_comparator_saved'
  | 'statistics_release_published'
  | 'statistics_release_corrected'
  | 'statistics_pool_grid_changed'
  | 'annual_report_produced'
  | 'case_notified'
  | 'case_viewed'
  | 'case_updated'
  | 'case_status_changed'
  | 'case_merged'
  | 'case_merged_into'
  | 'case_list_viewed'
  | 'family_letter_drafted'
  | 'family_letter_saved'
  | 'family_letter_viewed'
  | 'family_questions_answer_recorded'
  | 'review_started'
  | 'review_draft_saved'
  | 'review_superseded'
  | 'review_finalised'
  | 'review_quorum_overridden'
  | 'review_deferred'
  | 'action_updated'
  | 'meeting_scheduled'
  | 'meeting_updated'
  | 'meeting_members_invited'
  | 'meeting_member_added'
  | 'meeting_member_removed'
  | 'meeting_attendance_recorded'
  | 'meeting_held'
  | 'meeting_cancelled'
  | 'meeting_postponed'
  | 'minutes_viewed'
  | 'agenda_case_added'
  | 'agenda_case_removed'
  | 'agenda_reordered'
  | 'interest_declared'
  | 'interest_withdrawn'
  | 'pack_viewed'
  | 'quorum_rule_changed'
  | 'agency_request_sent'
  | 'agency_request_viewed'
  | 'agency_request_cancelled'
  | 'agency_request_not_involved'
  | 'agency_link_revoked'
  | 'agency_link_reissued'
  | 'agency_link_opened'
  | 'agency_link_refused'
  | 'agency_report_draft_saved'
  | 'agency_report_submitted'
  | 'agency_report_recorded'
  | 'agency_reminder_sent'
  | 'case_readiness_overridden'
  | 'outbox_message_viewed'
  | 'outbox_message_retried'
  | 'jar_event_added'
  | 'jar_event_changed'
  | 'jar_event_removed'
  | 'agency_lead_changed'
  | 'local_authorities_changed'
  | 'sign_in_password_accepted'
  | 'second_factor_failed'
  | 'second_factor_refused'
  | 'second_factor_enrolled'
  | 'second_factor_reset'
  | 'recovery_code_used'
  | 'user_invited'
  | 'invitation_resent'
  | 'invitation_revoked'
  | 'invitation_accepted'
  | 'password_reset_link_sent'
  | 'password_reset_completed'
  | 'report_learning_listed'
  | 'report_learning_viewed'
  | 'report_learning_decided'
  | 'report_actions_viewed'
  | 'data_quality_viewed'

export interface AuditRecord {
  action: AuditAction
  entityType?: string
  entityId?: string
  details?: Record<string, unknown>
}

export interface AuditQuery {
  action?: string
  entityType?: string
  entityId?: string
  actorUserId?: string
  page: number
  pageSize: number
}

export default class AuditService {
  constructor(private readonly db: Database) {}

  /** Writes one audit row. Pass the transaction of the change it records so both commit or neither does. */
  async record(context: AuditContext, record: AuditRecord, transaction?: Transaction): Promise<void> {
    await this.db.models.AuditEvent.create(
      {
        actorUserId: context.actorUserId,
        requestId: context.requestId,
        ip: context.ip,
        action: record.action,
        entityType: record.entityType ?? null,
        entityId: record.entityId ?? null,
        details: record.details ?? {},
      },
      { transaction },
    )
  }

  async countSince(where: { action: AuditAction; entityId?: string; ip?: string }, since: Date): Promise<number> {
    const filter: WhereOptions = { action: where.action, occurredAt: { [Op.gte]: since } }
    if (where.entityId !== undefined) Object.assign(filter, { entityId: where.entityId })
    if (where.ip !== undefined) Object.assign(filter, { ip: where.ip })
    return this.db.models.AuditEvent.count({ where: filter })
  }

  async latestOccurredAt(where: { action: AuditAction; entityType: string; entityId: string }): Promise<Date | null> {
    const row = await this.db.models.AuditEvent.findOne({
      where,
      order: [['occurredAt', 'DESC']],
      attributes: ['occurredAt'],
    })
    return row?.occurredAt ?? null
  }

  async search(query: AuditQuery): Promise<{ rows: AuditEvent[]; count: number }> {
    const where: Record<string, unknown> = {}
    if (query.action) where.action = query.action
    if (query.entityType) where.entityType = query.entityType
    if (query.entityId) where.entityId = query.entityId
    if (query.actorUserId) where.actorUserId = query.actorUserId
    return this.db.models.AuditEvent.findAndCountAll({
      where,
      include: [{ association: 'actor', attributes: ['name', 'email'] }],
      order: [['id', 'DESC']],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    })
  }
}
