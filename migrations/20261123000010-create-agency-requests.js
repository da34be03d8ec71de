'use strict'

// Agencies (data dictionary §6) as they stand when this migration was written. A stored code never
// changes meaning, so a later change to the list is a new migration, never an edit of this one.
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
  'other',
]
// `overdue` is not here on purpose: it is derived (requested and past its due date), never stored.
const STATUSES = ['requested', 'received', 'not_involved', 'cancelled']

const inList = (column, values) => `${column} IN (${values.map(v => `'${v}'`).join(', ')})`

/**
 * Requests for information sent to agencies about one case, each answered through its own secure
 * link (only the SHA-256 hash of the token is kept) or on paper.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await queryInterface.createTable(
        'agency_requests',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          case_id: {
            type: Sequelize.UUID,
            allowNull: false,
            references: { model: 'cases', key: 'id' },
            onDelete: 'RESTRICT',
          },
          agency: { type: Sequelize.TEXT, allowNull: false },
          // The agency's name when it is `other`.
          agency_other: { type: Sequelize.TEXT },
          contact_name: { type: Sequelize.TEXT, allowNull: false },
          contact_email: { type: Sequelize.TEXT, allowNull: false },
          due_date: { type: Sequelize.DATEONLY, allowNull: false },
          status: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'requested' },
          // Why it was cancelled or marked not involved.
          closed_reason: { type: Sequelize.TEXT },
          token_hash: { type: Sequelize.TEXT },
          token_expires_at: { type: Sequelize.DATE },
          token_revoked_at: { type: Sequelize.DATE },
          report_draft: { type: Sequelize.JSONB },
          draft_saved_at: { type: Sequelize.DATE },
          report: { type: Sequelize.JSONB },
          submitted_at: { type: Sequelize.DATE },
          received_via: { type: Sequelize.TEXT },
          reminder_before_sent_at: { type: Sequelize.DATE },
          reminder_overdue_sent_at: { type: Sequelize.DATE },
          requested_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      const checks = {
        agency_requests_agency_known: inList('agency', AGENCIES),
        agency_requests_other_named: "agency <> 'other' OR coalesce(length(trim(agency_other)), 0) > 0",
        agency_requests_status_known: inList('status', STATUSES),
        agency_requests_received_via_known: `received_via IS NULL OR ${inList('received_via', ['link', 'paper'])}`,
        agency_requests_received_complete:
          "status <> 'received' OR (report IS NOT NULL AND submitted_at IS NOT NULL AND received_via IS NOT NULL)",
        agency_requests_contact_name_length: 'length(contact_name) BETWEEN 1 AND 200',
        agency_requests_contact_email_length: 'length(contact_email) BETWEEN 3 AND 320',
        agency_requests_token_hash_format: "token_hash IS NULL OR token_hash ~ '^[0-9a-f]{64}$'",
      }
      for (const [name, check] of Object.entries(checks))
        await q(`ALTER TABLE agency_requests ADD CONSTRAINT ${name} CHECK (${check})`)

      await q('CREATE INDEX agency_requests_case ON agency_requests (case_id, created_at)')
      await q(
        'CREATE UNIQUE INDEX agency_requests_token_hash ON agency_requests (token_hash) WHERE token_hash IS NOT NULL',
      )
      // The dashboard (overdue and waiting, by agency) and readiness read only the outstanding requests.
      await q(
        "CREATE INDEX agency_requests_outstanding ON agency_requests (agency, due_date) WHERE status = 'requested'",
      )
      // The reminder job looks for outstanding requests with a reminder still to send.
      await q(
        `CREATE INDEX agency_requests_reminders_due ON agency_requests (due_date)
         WHERE status = 'requested' AND (reminder_before_sent_at IS NULL OR reminder_overdue_sent_at IS NULL)`,
      )
      // Average days to respond, per agency, over recent answers (reports and nil returns alike).
      await q(
        'CREATE INDEX agency_requests_answered ON agency_requests (submitted_at, agency) WHERE submitted_at IS NOT NULL',
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('agency_requests')
  },
}
