'use strict'

/** Actions are read by their review (the review page, finalising, the minutes). */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(
      'CREATE INDEX actions_review ON actions (review_id) WHERE review_id IS NOT NULL',
    )
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP INDEX actions_review')
  },
}
