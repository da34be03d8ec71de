'use strict'

/** The table connect-pg-simple expects (its own table.sql), made here so migrations stay the only schema source. */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q(`CREATE TABLE session (
                 sid varchar NOT NULL COLLATE "default" PRIMARY KEY,
                 sess json NOT NULL,
                 expire timestamp(6) NOT NULL
               )`)
      await q('CREATE INDEX session_expire ON session (expire)')
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('session')
  },
}
