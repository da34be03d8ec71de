'use strict'

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.createTable(
        'audit_events',
        {
          id: { type: Sequelize.BIGINT, primaryKey: true, autoIncrement: true },
          occurred_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          actor_user_id: {
            type: Sequelize.UUID,
            references: { model: 'users', key: 'id' },
            onDelete: 'RESTRICT',
          },
          action: { type: Sequelize.TEXT, allowNull: false },
          entity_type: { type: Sequelize.TEXT },
          entity_id: { type: Sequelize.TEXT },
          request_id: { type: Sequelize.TEXT },
          ip: { type: Sequelize.TEXT },
          details: { type: Sequelize.JSONB, allowNull: false, defaultValue: {} },
        },
        { transaction },
      )
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q('CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, occurred_at)')
      await q('CREATE INDEX audit_events_actor ON audit_events (actor_user_id, occurred_at)')
      await q('CREATE INDEX audit_events_occurred_at ON audit_events (occurred_at)')
      // Sign-in throttling counts recent failures by account and by address.
      await q(
        "CREATE INDEX audit_events_sign_in_failed_account ON audit_events (entity_id, occurred_at) WHERE action = 'sign_in_failed'",
      )
      await q(
        "CREATE INDEX audit_events_sign_in_failed_ip ON audit_events (ip, occurred_at) WHERE action = 'sign_in_failed'",
      )
      // The audit log is append-only, enforced by the database so that no code path can rewrite it.
      await q(`
        CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END
        $$`)
      await q(`CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
               FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`)
      await q(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
               FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`)
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.dropTable('audit_events', { transaction })
      await queryInterface.sequelize.query('DROP FUNCTION audit_events_append_only()', { transaction })
    })
  },
}
