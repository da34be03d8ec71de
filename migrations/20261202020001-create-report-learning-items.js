'use strict'

/**
 * The coordinator's curation of the year's learning for the annual report: one row per learning
 * point or recommendation decided on (a finalised review's learning points, one of its actions, or
 * an imported case's learning points), with the decision, the anonymised wording for the report,
 * who decided and when, and a version for optimistic locking. A source not yet decided has no row.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.createTable(
        'report_learning_items',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          source_type: { type: Sequelize.TEXT, allowNull: false },
          source_id: { type: Sequelize.UUID, allowNull: false },
          case_id: {
            type: Sequelize.UUID,
            allowNull: false,
            references: { model: 'cases', key: 'id' },
            onDelete: 'RESTRICT',
          },
          decision: { type: Sequelize.TEXT, allowNull: false },
          curated_text: { type: Sequelize.TEXT },
          decided_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          decided_at: { type: Sequelize.DATE, allowNull: false },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q(
        `ALTER TABLE report_learning_items ADD CONSTRAINT report_learning_items_source_known
           CHECK (source_type IN ('review', 'action', 'case'))`,
      )
      await q(
        `ALTER TABLE report_learning_items ADD CONSTRAINT report_learning_items_decision_known
           CHECK (decision IN ('include', 'leave_out'))`,
      )
      await q(
        `ALTER TABLE report_learning_items ADD CONSTRAINT report_learning_items_included_has_text
           CHECK (decision <> 'include' OR (curated_text IS NOT NULL AND length(btrim(curated_text)) > 0))`,
      )
      await q(
        'CREATE UNIQUE INDEX report_learning_items_one_per_source ON report_learning_items (source_type, source_id)',
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('report_learning_items')
  },
}
