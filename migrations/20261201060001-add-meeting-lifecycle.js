'use strict'

/**
 * The meeting's lifecycle: when it was marked held, why it was cancelled, and the date it was
 * postponed from and why. The history of every change is in the audit log.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const add = (column, type) => queryInterface.addColumn('meetings', column, { type }, { transaction })
      await add('held_at', Sequelize.DATE)
      await add('held_by', Sequelize.UUID)
      await add('cancelled_at', Sequelize.DATE)
      await add('cancellation_reason', Sequelize.TEXT)
      await add('postponed_from', Sequelize.DATEONLY)
      await add('postponement_reason', Sequelize.TEXT)
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q('ALTER TABLE meetings ADD CONSTRAINT meetings_held_by_user FOREIGN KEY (held_by) REFERENCES users (id)')
      // NOT VALID: rows from before this migration are left as they were; every new change is checked.
      await q(
        "ALTER TABLE meetings ADD CONSTRAINT meetings_cancelled_has_reason CHECK (status <> 'cancelled' OR cancellation_reason IS NOT NULL) NOT VALID",
      )
      await q(
        "ALTER TABLE meetings ADD CONSTRAINT meetings_held_has_time CHECK (status <> 'held' OR held_at IS NOT NULL) NOT VALID",
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      for (const column of [
        'postponement_reason',
        'postponed_from',
        'cancellation_reason',
        'cancelled_at',
        'held_by',
        'held_at',
      ]) {
        await queryInterface.removeColumn('meetings', column, { transaction })
      }
    })
  },
}
