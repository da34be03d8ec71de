'use strict'

/**
 * Covering indexes for the annual statistics (src/services/statistics/releaseQuery.ts). Each is
 * partial on exactly the population's condition and includes every column its tables read, so a
 * release counts from index-only range scans and never visits the cases themselves: a year over a
 * million cases in well under a second, whatever order the cases were written in.
 * The WHERE clauses must stay word for word those of IN_SCOPE and REVIEWED in sqlExpressions.ts.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      // Deaths in scope: trend by year and sex, open at year end, and the period's age, sex and expectedness.
      await q(
        `CREATE INDEX cases_statistics_deaths ON cases (date_of_death)
         INCLUDE (sex, review_date, date_of_birth, expected)
         WHERE status NOT IN ('transferred_out', 'out_of_scope')`,
      )
      // Completed reviews: trend by year and outcome, and every dimension of the period's review tables.
      await q(
        `CREATE INDEX cases_statistics_reviews ON cases (review_date)
         INCLUDE (modifiable_factors, preventability, category, sex, ethnicity, expected, date_of_birth, date_of_death)
         WHERE status = 'reviewed'`,
      )
      // Joint agency responses started, in scope.
      await q(
        `CREATE INDEX cases_statistics_jar ON cases (jar_date)
         WHERE status NOT IN ('transferred_out', 'out_of_scope') AND jar_date IS NOT NULL`,
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.sequelize.query('DROP INDEX cases_statistics_jar', { transaction })
      await queryInterface.sequelize.query('DROP INDEX cases_statistics_reviews', { transaction })
      await queryInterface.sequelize.query('DROP INDEX cases_statistics_deaths', { transaction })
    })
  },
}
