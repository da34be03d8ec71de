'use strict'

/** The case timeline reads a case's audit rows newest first, without the views. */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(
      "CREATE INDEX audit_events_case_timeline ON audit_events (entity_id, id DESC) WHERE entity_type = 'case' AND action <> 'case_viewed'",
    )
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP INDEX audit_events_case_timeline')
  },
}
