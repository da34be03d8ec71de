'use strict'

// Code lists as they stand in the data dictionary when this migration was written. A stored code
// never changes meaning, so a later list change is a new migration, never an edit of this one.
const SEXES = ['male', 'female', 'indeterminate', 'not_known']
const ETHNICITIES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z', 'not_known']
const PLACES = [
  'hospital_emergency_department',
  'hospital_ward',
  'neonatal_unit',
  'intensive_care_unit',
  'hospital_other',
  'home',
  'other_private_residence',
  'foster_home',
  'residential_care',
  'public_place',
  'school',
  'hospice',
  'mental_health_inpatient_unit',
  'abroad',
  'other',
  'not_known',
]
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
const HOLD_REASONS = ['coroner', 'police_investigation', 'safeguarding_practice_review', 'other']
const NHS_MISSING = ['not_yet_available', 'non_resident_in_england', 'other']
const MODIFIABLE = ['identified', 'not_identified', 'inadequate_information']
const PREVENTABILITY = ['preventable', 'potentially_preventable', 'not_preventable', 'inadequate_information']

const JAR_TRIGGERS = [
  'external_cause',
  'sudden_no_apparent_cause',
  'custody_or_detained',
  'suspicion_not_natural',
  'unattended_stillbirth',
]

const inList = (column, values) => `${column} IN (${values.map(v => `'${v}'`).join(', ')})`

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await queryInterface.createTable(
        'cases',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          case_ref: { type: Sequelize.TEXT, allowNull: false, unique: true },
          given_names: { type: Sequelize.TEXT },
          family_name: { type: Sequelize.TEXT },
          nhs_number: { type: Sequelize.CHAR(10) },
          nhs_number_missing_reason: { type: Sequelize.TEXT },
          date_of_birth: { type: Sequelize.DATEONLY, allowNull: false },
          date_of_death: { type: Sequelize.DATEONLY, allowNull: false },
          time_of_death: { type: Sequelize.TIME },
          sex: { type: Sequelize.TEXT, allowNull: false },
          ethnicity: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'not_known' },
          postcode: { type: Sequelize.TEXT },
          local_authority: { type: Sequelize.TEXT },
          ward: { type: Sequelize.TEXT },
          resident: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true },
          place_of_death: { type: Sequelize.TEXT },
          expected: { type: Sequelize.TEXT, allowNull: false },
          suspected_stillbirth_at_home: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
          notified_at: { type: Sequelize.DATEONLY, allowNull: false },
          notifier_name: { type: Sequelize.TEXT },
          notifier_role: { type: Sequelize.TEXT },
          notifier_organisation: { type: Sequelize.TEXT },
          notifier_contact: { type: Sequelize.TEXT },
          circumstances: { type: Sequelize.TEXT },
          status: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'notified' },
          on_hold_reason: { type: Sequelize.TEXT },
          status_before_hold: { type: Sequelize.TEXT },
          // The outcome of the latest finalised review, kept on the case for the statistics.
          review_date: { type: Sequelize.DATEONLY },
          category: { type: Sequelize.SMALLINT },
          modifiable_factors: { type: Sequelize.TEXT },
          preventability: { type: Sequelize.TEXT },
          // Joint agency response (data dictionary §2).
          jar_required: { type: Sequelize.BOOLEAN },
          jar_triggers: { type: Sequelize.ARRAY(Sequelize.TEXT), allowNull: false, defaultValue: [] },
          jar_date: { type: Sequelize.DATEONLY },
          jar_home_visit: { type: Sequelize.BOOLEAN },
          jar_attendees: { type: Sequelize.ARRAY(Sequelize.TEXT), allowNull: false, defaultValue: [] },
          jar_summary: { type: Sequelize.TEXT },
          post_mortem: { type: Sequelize.TEXT },
          coroner_involved: { type: Sequelize.BOOLEAN },
          police_investigation: { type: Sequelize.BOOLEAN },
          key_worker: { type: Sequelize.TEXT },
          family_leaflet_sent_on: { type: Sequelize.DATEONLY },
          family_questions: { type: Sequelize.TEXT },
          imported: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
          created_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      const checks = {
        cases_sex_known: inList('sex', SEXES),
        cases_ethnicity_known: inList('ethnicity', ETHNICITIES),
        cases_place_known: `place_of_death IS NULL OR ${inList('place_of_death', PLACES)}`,
        cases_expected_known: inList('expected', ['expected', 'unexpected']),
        cases_status_known: inList('status', STATUSES),
        cases_hold_reason_known: `on_hold_reason IS NULL OR ${inList('on_hold_reason', HOLD_REASONS)}`,
        cases_nhs_missing_known: `nhs_number_missing_reason IS NULL OR ${inList('nhs_number_missing_reason', NHS_MISSING)}`,
        cases_nhs_number_digits: "nhs_number IS NULL OR nhs_number ~ '^[0-9]{10}$'",
        cases_category_range: 'category IS NULL OR category BETWEEN 1 AND 10',
        cases_modifiable_known: `modifiable_factors IS NULL OR ${inList('modifiable_factors', MODIFIABLE)}`,
        cases_preventability_known: `preventability IS NULL OR ${inList('preventability', PREVENTABILITY)}`,
        // The rules the statistics rely on, held by the database whatever the code does.
        cases_dates_in_order: 'date_of_birth <= date_of_death',
        cases_under_18: "date_of_death < date_of_birth + interval '18 years'",
        cases_notified_after_death: 'notified_at >= date_of_death',
        cases_review_after_death: 'review_date IS NULL OR review_date >= date_of_death',
        cases_jar_after_death: 'jar_date IS NULL OR jar_date >= date_of_death',
        cases_post_mortem_known: `post_mortem IS NULL OR ${inList('post_mortem', ['required', 'not_required', 'awaited', 'received'])}`,
        cases_jar_triggers_known: `jar_triggers <@ ARRAY[${JAR_TRIGGERS.map(v => `'${v}'`).join(', ')}]::text[]`,
        cases_reviewed_has_date: "status <> 'reviewed' OR review_date IS NOT NULL",
      }
      for (const [name, check] of Object.entries(checks))
        await q(`ALTER TABLE cases ADD CONSTRAINT ${name} CHECK (${check})`)

      await q('CREATE EXTENSION IF NOT EXISTS pg_trgm')
      await q('CREATE INDEX cases_nhs_number ON cases (nhs_number) WHERE nhs_number IS NOT NULL')
      await q('CREATE INDEX cases_duplicate_key ON cases (date_of_birth, date_of_death, sex)')
      await q('CREATE INDEX cases_status ON cases (status, notified_at)')
      await q('CREATE INDEX cases_date_of_death ON cases (date_of_death)')
      await q('CREATE INDEX cases_notified_at ON cases (notified_at)')
      await q('CREATE INDEX cases_review_date ON cases (review_date) WHERE review_date IS NOT NULL')
      await q('CREATE INDEX cases_jar_date ON cases (jar_date) WHERE jar_date IS NOT NULL')
      await q('CREATE INDEX cases_created_at ON cases (created_at)')
      // Name search matches any part of either name.
      await q(
        "CREATE INDEX cases_name_trgm ON cases USING gin ((lower(coalesce(given_names, '') || ' ' || coalesce(family_name, ''))) gin_trgm_ops)",
      )
      await q('CREATE INDEX cases_case_ref_trgm ON cases USING gin (lower(case_ref) gin_trgm_ops)')

      await queryInterface.createTable(
        'case_status_changes',
        {
          id: { type: Sequelize.BIGINT, primaryKey: true, autoIncrement: true },
          case_id: {
            type: Sequelize.UUID,
            allowNull: false,
            references: { model: 'cases', key: 'id' },
            onDelete: 'RESTRICT',
          },
          from_status: { type: Sequelize.TEXT },
          to_status: { type: Sequelize.TEXT, allowNull: false },
          reason_code: { type: Sequelize.TEXT },
          reason: { type: Sequelize.TEXT },
          changed_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          changed_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      await q('CREATE INDEX case_status_changes_case ON case_status_changes (case_id, changed_at)')

      // One counter per year hands out case references; its row lock orders concurrent notifications.
      await queryInterface.createTable(
        'case_ref_counters',
        {
          year: { type: Sequelize.INTEGER, primaryKey: true },
          last_value: { type: Sequelize.INTEGER, allowNull: false },
        },
        { transaction },
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.dropTable('case_ref_counters', { transaction })
      await queryInterface.dropTable('case_status_changes', { transaction })
      await queryInterface.dropTable('cases', { transaction })
    })
  },
}
