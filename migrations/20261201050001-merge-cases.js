'use strict'

/**
 * Merging two records of the same child (issue 11). The case not kept gets the status `merged`
 * and a link to the case kept; it is counted nowhere, so the statistics' population of cases in
 * scope leaves it out too. Its partial covering indexes are rebuilt on the new condition, which
 * must stay word for word IN_SCOPE in src/services/statistics/sqlExpressions.ts.
 */
const STATUSES = [
  'notified',
  'information_gathering',
  'ready_for_panel',
  'scheduled',
  'reviewed',
  'on_hold',
  'transferred_out',
  'out_of_scope',
]
const list = values => values.map(v => `'${v}'`).join(', ')
const OLD_SCOPE = "status NOT IN ('transferred_out', 'out_of_scope')"
const NEW_SCOPE = "status NOT IN ('transferred_out', 'out_of_scope', 'merged')"

const statisticsIndexes = async (q, scope) => {
  await q('DROP INDEX IF EXISTS cases_statistics_deaths')
  await q('DROP INDEX IF EXISTS cases_statistics_jar')
  await q(
    `CREATE INDEX cases_statistics_deaths ON cases (date_of_death)
     INCLUDE (sex, review_date, date_of_birth, expected)
     WHERE ${scope}`,
  )
  await q(`CREATE INDEX cases_statistics_jar ON cases (jar_date) WHERE ${scope} AND jar_date IS NOT NULL`)
}

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await queryInterface.addColumn(
        'cases',
        'merged_into_id',
        { type: Sequelize.UUID, references: { model: 'cases', key: 'id' }, onDelete: 'RESTRICT' },
        { transaction },
      )
      await queryInterface.addColumn('cases', 'merged_at', { type: Sequelize.DATE }, { transaction })
      await q('ALTER TABLE cases DROP CONSTRAINT cases_status_known')
      await q(
        `ALTER TABLE cases ADD CONSTRAINT cases_status_known CHECK (status IN (${list([...STATUSES, 'merged'])}))`,
      )
      await q(
        `ALTER TABLE cases ADD CONSTRAINT cases_merged_has_survivor
         CHECK ((status = 'merged') = (merged_into_id IS NOT NULL) AND (merged_into_id IS NULL OR merged_into_id <> id))`,
      )
      await q('CREATE INDEX cases_merged_into ON cases (merged_into_id) WHERE merged_into_id IS NOT NULL')
      await statisticsIndexes(q, NEW_SCOPE)
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await statisticsIndexes(q, OLD_SCOPE)
      await q('ALTER TABLE cases DROP CONSTRAINT cases_merged_has_survivor')
      await q('ALTER TABLE cases DROP CONSTRAINT cases_status_known')
      await q(`ALTER TABLE cases ADD CONSTRAINT cases_status_known CHECK (status IN (${list(STATUSES)}))`)
      await queryInterface.removeColumn('cases', 'merged_at', { transaction })
      await queryInterface.removeColumn('cases', 'merged_into_id', { transaction })
    })
  },
}
