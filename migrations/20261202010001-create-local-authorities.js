'use strict'

/**
 * The local authorities the panel covers, in the administrator's order (issue 12). A case's
 * free-text `local_authority` is matched to a name case-insensitively and trimmed; residents of any
 * authority not listed are counted as "other" by the statistics. Names are unique whatever their case.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await queryInterface.createTable(
        'local_authorities',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          name: { type: Sequelize.TEXT, allowNull: false },
          position: { type: Sequelize.INTEGER, allowNull: false },
          created_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      await q(
        'ALTER TABLE local_authorities ADD CONSTRAINT local_authorities_name_length CHECK (length(name) BETWEEN 1 AND 100 AND name = btrim(name))',
      )
      await q('CREATE UNIQUE INDEX local_authorities_name_unique ON local_authorities (lower(name))')
      // Matching a case to its authority compares lower(btrim(local_authority)) with lower(name).
      await q('CREATE INDEX cases_local_authority ON cases (lower(btrim(local_authority)))')
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.sequelize.query('DROP INDEX cases_local_authority', { transaction })
      await queryInterface.dropTable('local_authorities', { transaction })
    })
  },
}
