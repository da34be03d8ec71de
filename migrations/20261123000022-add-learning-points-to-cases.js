'use strict'

/**
 * The anonymised learning of the latest finalised review (data dictionary §3, `learning_points`),
 * kept on the case beside its outcome. The history import brings it in from older systems.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('cases', 'learning_points', { type: Sequelize.TEXT })
  },

  async down(queryInterface) {
    await queryInterface.removeColumn('cases', 'learning_points')
  },
}
