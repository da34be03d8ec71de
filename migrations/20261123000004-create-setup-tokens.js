'use strict'

/** One-time links that let the first administrator create their account. Only a hash of each token is kept. */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('setup_tokens', {
      token_hash: { type: Sequelize.TEXT, primaryKey: true },
      expires_at: { type: Sequelize.DATE, allowNull: false },
      created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('setup_tokens')
  },
}
