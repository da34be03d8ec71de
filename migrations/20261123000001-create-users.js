'use strict'

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.createTable(
        'users',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          email: { type: Sequelize.TEXT, allowNull: false },
          name: { type: Sequelize.TEXT, allowNull: false },
          password_hash: { type: Sequelize.TEXT, allowNull: false },
          roles: { type: Sequelize.ARRAY(Sequelize.TEXT), allowNull: false, defaultValue: [] },
          active: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true },
          last_signed_in_at: { type: Sequelize.DATE },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      // One account per address whatever its case.
      await queryInterface.sequelize.query('CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))', {
        transaction,
      })
      await queryInterface.sequelize.query(
        `ALTER TABLE users ADD CONSTRAINT users_roles_known
           CHECK (roles <@ ARRAY['admin','coordinator','panel_member','public_health']::text[])`,
        { transaction },
      )
      await queryInterface.sequelize.query(
        'ALTER TABLE users ADD CONSTRAINT users_email_length CHECK (char_length(email) BETWEEN 3 AND 320)',
        { transaction },
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('users')
  },
}
