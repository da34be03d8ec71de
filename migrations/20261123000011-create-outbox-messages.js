'use strict'

/**
 * Every e-mail the service sends, written in the same transaction as the change it tells someone
 * about (a transactional outbox) and delivered after that commits. With no SMTP server configured
 * the messages stay here, `stored`, for a coordinator to read in the service.
 *
 * status: pending (not tried yet), retrying (the last attempt failed; tried again at
 * next_attempt_at), sent (accepted by the SMTP server), stored (no SMTP server: kept here to be
 * read), failed (gave up after the last attempt; a coordinator can try again).
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await queryInterface.createTable(
        'outbox_messages',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          kind: { type: Sequelize.TEXT, allowNull: false },
          to_address: { type: Sequelize.TEXT, allowNull: false },
          subject: { type: Sequelize.TEXT, allowNull: false },
          body_text: { type: Sequelize.TEXT, allowNull: false },
          status: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'pending' },
          attempts: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          last_error: { type: Sequelize.TEXT },
          next_attempt_at: { type: Sequelize.DATE, defaultValue: Sequelize.literal('now()') },
          sent_at: { type: Sequelize.DATE },
          case_id: { type: Sequelize.UUID, references: { model: 'cases', key: 'id' }, onDelete: 'RESTRICT' },
          request_id: {
            type: Sequelize.UUID,
            references: { model: 'agency_requests', key: 'id' },
            onDelete: 'RESTRICT',
          },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      const checks = {
        outbox_messages_status_known: "status IN ('pending', 'retrying', 'sent', 'stored', 'failed')",
        outbox_messages_kind_known:
          "kind IN ('agency_request', 'agency_reminder_before', 'agency_reminder_overdue', 'agency_confirmation', 'report_received')",
        outbox_messages_attempts_positive: 'attempts >= 0',
        outbox_messages_due_when_waiting: "status NOT IN ('pending', 'retrying') OR next_attempt_at IS NOT NULL",
      }
      for (const [name, check] of Object.entries(checks))
        await q(`ALTER TABLE outbox_messages ADD CONSTRAINT ${name} CHECK (${check})`)
      // The delivery run takes the messages that are due, oldest first.
      await q(
        "CREATE INDEX outbox_messages_due ON outbox_messages (next_attempt_at) WHERE status IN ('pending', 'retrying')",
      )
      await q('CREATE INDEX outbox_messages_created ON outbox_messages (created_at DESC, id)')
      await q('CREATE INDEX outbox_messages_status ON outbox_messages (status, created_at DESC)')
      await q('CREATE INDEX outbox_messages_request ON outbox_messages (request_id) WHERE request_id IS NOT NULL')
      await q('CREATE INDEX outbox_messages_case ON outbox_messages (case_id) WHERE case_id IS NOT NULL')
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('outbox_messages')
  },
}
