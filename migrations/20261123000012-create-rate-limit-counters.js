'use strict'

/**
 * Request counters for rate limits, one row per key and minute. Kept in PostgreSQL, not in the
 * process, so that every instance behind the load balancer counts against the same limit. Keys
 * are hashes (e.g. of the client address), never the address itself. Old rows are pruned by the
 * scheduled jobs.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.createTable(
        'rate_limit_counters',
        {
          key: { type: Sequelize.TEXT, primaryKey: true },
          window_start: { type: Sequelize.DATE, primaryKey: true },
          hits: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
        },
        { transaction },
      )
      await queryInterface.sequelize.query(
        'CREATE INDEX rate_limit_counters_window ON rate_limit_counters (window_start)',
        {
          transaction,
        },
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('rate_limit_counters')
  },
}
