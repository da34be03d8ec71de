'use strict'

// Agencies (data dictionary §6) as they stand when this migration was written, without `other`:
// an "other" agency is a different organisation on each request, so it has no standing lead.
const AGENCIES = [
  'gp',
  'health_visiting',
  'school_nursing',
  'midwifery',
  'hospital_paediatrics',
  'neonatal_unit',
  'emergency_department',
  'ambulance',
  'mental_health',
  'police',
  'childrens_social_care',
  'education',
  'coroner',
  'pathology',
  'hospice',
  'youth_justice',
  'housing',
  'voluntary_sector',
]
const KINDS_BEFORE = [
  'agency_request',
  'agency_reminder_before',
  'agency_reminder_overdue',
  'agency_confirmation',
  'report_received',
]
const KINDS_AFTER = [...KINDS_BEFORE, 'agency_escalation']

const inList = (column, values) => `${column} IN (${values.map(v => `'${v}'`).join(', ')})`

/**
 * Escalation of overdue agency reports. An administrator keeps a named lead per agency
 * (`agency_leads`); after the overdue reminder the reminder job writes once to that lead
 * (`agency_requests.escalation_sent_at`, an outbox message of kind `agency_escalation`).
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await queryInterface.createTable(
        'agency_leads',
        {
          agency: { type: Sequelize.TEXT, primaryKey: true },
          lead_name: { type: Sequelize.TEXT, allowNull: false },
          lead_email: { type: Sequelize.TEXT, allowNull: false },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          updated_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      const checks = {
        agency_leads_agency_known: inList('agency', AGENCIES),
        agency_leads_name_length: 'length(lead_name) BETWEEN 1 AND 200',
        agency_leads_email_length: 'length(lead_email) BETWEEN 3 AND 320',
      }
      for (const [name, check] of Object.entries(checks))
        await q(`ALTER TABLE agency_leads ADD CONSTRAINT ${name} CHECK (${check})`)

      await queryInterface.addColumn('agency_requests', 'escalation_sent_at', { type: Sequelize.DATE }, { transaction })
      // The reminder job looks for outstanding requests reminded as overdue and not yet escalated.
      await q(
        `CREATE INDEX agency_requests_escalation_due ON agency_requests (reminder_overdue_sent_at)
         WHERE status = 'requested' AND reminder_overdue_sent_at IS NOT NULL AND escalation_sent_at IS NULL`,
      )
      await q('ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_known')
      await q(
        `ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_known CHECK (${inList('kind', KINDS_AFTER)})`,
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q("DELETE FROM outbox_messages WHERE kind = 'agency_escalation'")
      await q('ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_known')
      await q(
        `ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_known CHECK (${inList('kind', KINDS_BEFORE)})`,
      )
      await q('DROP INDEX agency_requests_escalation_due')
      await queryInterface.removeColumn('agency_requests', 'escalation_sent_at', { transaction })
      await queryInterface.dropTable('agency_leads', { transaction })
    })
  },
}
