'use strict'

const inList = (column, values) => `${column} IN (${values.map(v => `'${v}'`).join(', ')})`
const AGENCIES = [
  'gp',
  'health_visiting',
  'school_nursing',
  'midwifery',
  'hospital_paediatrics',
  'neonatal_unit',
  'emergency_department',
  'ambulance',
  'mental_health',
  'police',
  'childrens_social_care',
  'education',
  'coroner',
  'pathology',
  'hospice',
  'youth_justice',
  'housing',
  'voluntary_sector',
  'other',
]

/** The panel's review of a case (data dictionary §3), its contributory factors, and the actions it leads to. */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      const id = { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') }
      const timestamps = () => ({
        created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
      })
      const ref = (table, nullable = false) => ({
        type: Sequelize.UUID,
        allowNull: nullable,
        references: { model: table, key: 'id' },
        onDelete: 'RESTRICT',
      })

      await queryInterface.createTable(
        'case_reviews',
        {
          id,
          case_id: ref('cases'),
          meeting_id: ref('meetings', true),
          status: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'draft' },
          agencies_present: { type: Sequelize.ARRAY(Sequelize.TEXT), allowNull: false, defaultValue: [] },
          category: { type: Sequelize.SMALLINT },
          modifiable_factors: { type: Sequelize.TEXT },
          preventability: { type: Sequelize.TEXT },
          likely_cause_of_death: { type: Sequelize.TEXT },
          learning_points: { type: Sequelize.TEXT },
          safeguarding_referral: { type: Sequelize.BOOLEAN },
          leder_referral: { type: Sequelize.BOOLEAN },
          review_date: { type: Sequelize.DATEONLY },
          quorum_override_reason: { type: Sequelize.TEXT },
          deferral_questions: { type: Sequelize.TEXT },
          finalised_by: ref('users', true),
          finalised_at: { type: Sequelize.DATE },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          ...timestamps(),
        },
        { transaction },
      )
      await q(
        `ALTER TABLE case_reviews ADD CONSTRAINT case_reviews_status_known CHECK (${inList('status', ['draft', 'final', 'deferred', 'superseded'])})`,
      )
      await q(
        'ALTER TABLE case_reviews ADD CONSTRAINT case_reviews_category_range CHECK (category IS NULL OR category BETWEEN 1 AND 10)',
      )
      await q(
        `ALTER TABLE case_reviews ADD CONSTRAINT case_reviews_modifiable_known CHECK (modifiable_factors IS NULL OR ${inList('modifiable_factors', ['identified', 'not_identified', 'inadequate_information'])})`,
      )
      await q(
        `ALTER TABLE case_reviews ADD CONSTRAINT case_reviews_agencies_known CHECK (agencies_present <@ ARRAY[${AGENCIES.map(a => `'${a}'`).join(', ')}]::text[])`,
      )
      await q(
        "ALTER TABLE case_reviews ADD CONSTRAINT case_reviews_final_complete CHECK (status <> 'final' OR (review_date IS NOT NULL AND category IS NOT NULL AND (modifiable_factors IS NOT NULL OR preventability IS NOT NULL)))",
      )
      // One review in progress per case at a time; finalised and deferred ones are kept as history.
      await q("CREATE UNIQUE INDEX case_reviews_one_draft_per_case ON case_reviews (case_id) WHERE status = 'draft'")
      await q('CREATE INDEX case_reviews_case ON case_reviews (case_id, created_at)')

      await queryInterface.createTable(
        'contributory_factors',
        {
          id,
          review_id: ref('case_reviews'),
          domain: { type: Sequelize.TEXT, allowNull: false },
          description: { type: Sequelize.TEXT, allowNull: false },
          grade: { type: Sequelize.SMALLINT, allowNull: false },
          modifiable: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
          position: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          ...timestamps(),
        },
        { transaction },
      )
      await q(
        `ALTER TABLE contributory_factors ADD CONSTRAINT contributory_factors_domain_known CHECK (${inList('domain', ['child', 'social_environment', 'physical_environment', 'service_provision'])})`,
      )
      await q(
        'ALTER TABLE contributory_factors ADD CONSTRAINT contributory_factors_grade_range CHECK (grade BETWEEN 0 AND 2)',
      )
      await q('CREATE INDEX contributory_factors_review ON contributory_factors (review_id, position)')

      await queryInterface.createTable(
        'actions',
        {
          id,
          case_id: ref('cases'),
          review_id: ref('case_reviews', true),
          description: { type: Sequelize.TEXT, allowNull: false },
          level: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'local' },
          owner_organisation: { type: Sequelize.TEXT },
          due_date: { type: Sequelize.DATEONLY },
          status: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'open' },
          evidence_of_impact: { type: Sequelize.TEXT },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          ...timestamps(),
        },
        { transaction },
      )
      await q(
        `ALTER TABLE actions ADD CONSTRAINT actions_level_known CHECK (${inList('level', ['local', 'regional', 'national'])})`,
      )
      await q(
        `ALTER TABLE actions ADD CONSTRAINT actions_status_known CHECK (${inList('status', ['open', 'in_progress', 'complete', 'not_accepted'])})`,
      )
      await q('CREATE INDEX actions_status_due ON actions (status, due_date)')
      await q('CREATE INDEX actions_case ON actions (case_id)')
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      for (const table of ['actions', 'contributory_factors', 'case_reviews'])
        await queryInterface.dropTable(table, { transaction })
    })
  },
}
