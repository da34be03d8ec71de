'use strict'

/**
 * Two migrations of the same day each rewrote the outbox's list of message kinds from what they
 * knew: 20261201020001 added the account e-mails, then 20261201070002 added agency escalations
 * but wrote the list without the account e-mails. This one states the whole list.
 */
const AGENCY_KINDS = [
  'agency_request',
  'agency_reminder_before',
  'agency_reminder_overdue',
  'agency_confirmation',
  'report_received',
  'agency_escalation',
]
const ACCOUNT_KINDS = ['account_invitation', 'password_reset']

const inList = (column, values) => `${column} IN (${values.map(v => `'${v}'`).join(', ')})`

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q('ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_known')
      await q(
        `ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_known CHECK (${inList('kind', [...AGENCY_KINDS, ...ACCOUNT_KINDS])})`,
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q(`DELETE FROM outbox_messages WHERE ${inList('kind', ACCOUNT_KINDS)}`)
      await q('ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_known')
      await q(
        `ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_known CHECK (${inList('kind', AGENCY_KINDS)})`,
      )
    })
  },
}
