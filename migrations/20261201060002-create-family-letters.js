'use strict'

/**
 * The letter to the family after the panel's review, kept with the case (one per case, edited with
 * optimistic locking), and whether the family's questions were answered (yes or no, and when).
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const ref = (table, nullable = false) => ({
        type: Sequelize.UUID,
        allowNull: nullable,
        references: { model: table, key: 'id' },
        onDelete: 'RESTRICT',
      })
      await queryInterface.createTable(
        'family_letters',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          case_id: ref('cases'),
          review_id: ref('case_reviews', true),
          body: { type: Sequelize.TEXT, allowNull: false },
          created_by: ref('users', true),
          updated_by: ref('users', true),
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      await queryInterface.sequelize.query(
        'CREATE UNIQUE INDEX family_letters_one_per_case ON family_letters (case_id)',
        {
          transaction,
        },
      )
      await queryInterface.addColumn('cases', 'family_questions_answered', { type: Sequelize.BOOLEAN }, { transaction })
      await queryInterface.addColumn(
        'cases',
        'family_questions_answered_on',
        { type: Sequelize.DATEONLY },
        { transaction },
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.removeColumn('cases', 'family_questions_answered_on', { transaction })
      await queryInterface.removeColumn('cases', 'family_questions_answered', { transaction })
      await queryInterface.dropTable('family_letters', { transaction })
    })
  },
}
