'use strict'

/**
 * National figures the annual report compares the panel's own with: for each financial year, the
 * national share of reviewed deaths with modifiable factors (a percentage, 0 to 100, computed the
 * national way: identified / (identified + not identified)) and where the figure came from.
 * Entered by an administrator; one row per year.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.createTable(
        'national_comparators',
        {
          financial_year: { type: Sequelize.TEXT, primaryKey: true },
          modifiable_share: { type: Sequelize.DECIMAL(5, 2), allowNull: false },
          source: { type: Sequelize.TEXT, allowNull: false },
          updated_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q(
        "ALTER TABLE national_comparators ADD CONSTRAINT national_comparators_year_format CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$')",
      )
      await q(
        'ALTER TABLE national_comparators ADD CONSTRAINT national_comparators_share_range CHECK (modifiable_share BETWEEN 0 AND 100)',
      )
      await q(
        'ALTER TABLE national_comparators ADD CONSTRAINT national_comparators_source_length CHECK (length(source) BETWEEN 1 AND 500)',
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('national_comparators')
  },
}
