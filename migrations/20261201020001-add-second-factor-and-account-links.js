'use strict'

/**
 * Second factor and account links.
 *
 * users: the TOTP secret, encrypted (AES-256-GCM under MFA_ENCRYPTION_KEY), when it was set up, and
 * the last time step accepted (a code is accepted once). password_hash may now be empty: an invited
 * person has no password until they choose one through their link.
 *
 * recovery_codes: ten per person, SHA-256 hashes only, each usable once (used_at).
 *
 * account_links: invitations and password reset links, like the first-run setup link: only a hash
 * of the token, single use (used_at), expiring, revocable. At most one open link per person and purpose.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q('ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL')
      await q('ALTER TABLE users ADD COLUMN mfa_secret_encrypted TEXT')
      await q('ALTER TABLE users ADD COLUMN mfa_enrolled_at TIMESTAMPTZ')
      await q('ALTER TABLE users ADD COLUMN mfa_last_time_step BIGINT')
      await q(
        'ALTER TABLE users ADD CONSTRAINT users_mfa_complete CHECK ((mfa_secret_encrypted IS NULL) = (mfa_enrolled_at IS NULL))',
      )

      await queryInterface.createTable(
        'recovery_codes',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          user_id: {
            type: Sequelize.UUID,
            allowNull: false,
            references: { model: 'users', key: 'id' },
            onDelete: 'CASCADE',
          },
          code_hash: { type: Sequelize.TEXT, allowNull: false },
          used_at: { type: Sequelize.DATE },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      await q('CREATE UNIQUE INDEX recovery_codes_user_code ON recovery_codes (user_id, code_hash)')

      await queryInterface.createTable(
        'account_links',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          user_id: {
            type: Sequelize.UUID,
            allowNull: false,
            references: { model: 'users', key: 'id' },
            onDelete: 'CASCADE',
          },
          purpose: { type: Sequelize.TEXT, allowNull: false },
          token_hash: { type: Sequelize.TEXT, allowNull: false, unique: true },
          expires_at: { type: Sequelize.DATE, allowNull: false },
          used_at: { type: Sequelize.DATE },
          revoked_at: { type: Sequelize.DATE },
          created_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      await q(
        "ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_known CHECK (purpose IN ('invitation', 'password_reset'))",
      )
      await q(
        'CREATE UNIQUE INDEX account_links_one_open ON account_links (user_id, purpose) WHERE used_at IS NULL AND revoked_at IS NULL',
      )

      await q('ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_known')
      await q(`ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_known CHECK (kind IN (
        'agency_request', 'agency_reminder_before', 'agency_reminder_overdue', 'agency_confirmation', 'report_received',
        'account_invitation', 'password_reset'))`)
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q("DELETE FROM outbox_messages WHERE kind IN ('account_invitation', 'password_reset')")
      await q('ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_known')
      await q(`ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_known CHECK (kind IN (
        'agency_request', 'agency_reminder_before', 'agency_reminder_overdue', 'agency_confirmation', 'report_received'))`)
      await q('DROP TABLE account_links')
      await q('DROP TABLE recovery_codes')
      await q('ALTER TABLE users DROP CONSTRAINT users_mfa_complete')
      await q('ALTER TABLE users DROP COLUMN mfa_last_time_step')
      await q('ALTER TABLE users DROP COLUMN mfa_enrolled_at')
      await q('ALTER TABLE users DROP COLUMN mfa_secret_encrypted')
      await q("UPDATE users SET password_hash = '!' WHERE password_hash IS NULL")
      await q('ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL')
    })
  },
}
