'use strict'

const CAPACITIES = [
  'chair',
  'designated_doctor',
  'paediatrician',
  'public_health',
  'police',
  'social_care',
  'education',
  'nursing',
  'midwifery',
  'lay_member',
  'coordinator',
  'other',
]
const inList = (column, values) => `${column} IN (${values.map(v => `'${v}'`).join(', ')})`

/** Panel meetings: who is invited, who attended in which capacity, the agenda, and declarations of interest. */
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
        'meetings',
        {
          id,
          meeting_date: { type: Sequelize.DATEONLY, allowNull: false },
          start_time: { type: Sequelize.TIME, allowNull: false },
          location: { type: Sequelize.TEXT },
          online: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
          theme: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'general' },
          status: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'scheduled' },
          notes: { type: Sequelize.TEXT },
          created_by: ref('users', true),
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          ...timestamps(),
        },
        { transaction },
      )
      await q(
        `ALTER TABLE meetings ADD CONSTRAINT meetings_status_known CHECK (${inList('status', ['scheduled', 'held', 'cancelled'])})`,
      )
      await q(
        `ALTER TABLE meetings ADD CONSTRAINT meetings_theme_known CHECK (${inList('theme', ['general', 'neonatal', 'unexpected_deaths', 'other'])})`,
      )
      await q('CREATE INDEX meetings_date ON meetings (meeting_date)')

      // Invited panel members (accounts) and named external attendees, each with the capacity they sit in.
      await queryInterface.createTable(
        'meeting_members',
        {
          id,
          meeting_id: ref('meetings'),
          user_id: ref('users', true),
          external_name: { type: Sequelize.TEXT },
          external_organisation: { type: Sequelize.TEXT },
          capacity: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'other' },
          attended: { type: Sequelize.BOOLEAN },
          ...timestamps(),
        },
        { transaction },
      )
      await q(
        `ALTER TABLE meeting_members ADD CONSTRAINT meeting_members_capacity_known CHECK (${inList('capacity', CAPACITIES)})`,
      )
      await q(
        'ALTER TABLE meeting_members ADD CONSTRAINT meeting_members_account_or_name CHECK ((user_id IS NULL) <> (external_name IS NULL))',
      )
      await q(
        'CREATE UNIQUE INDEX meeting_members_one_per_account ON meeting_members (meeting_id, user_id) WHERE user_id IS NOT NULL',
      )
      await q('CREATE INDEX meeting_members_user ON meeting_members (user_id)')

      await queryInterface.createTable(
        'agenda_items',
        {
          id,
          meeting_id: ref('meetings'),
          case_id: ref('cases'),
          position: { type: Sequelize.INTEGER, allowNull: false },
          outcome: { type: Sequelize.TEXT, allowNull: false, defaultValue: 'pending' },
          ...timestamps(),
        },
        { transaction },
      )
      await q(
        `ALTER TABLE agenda_items ADD CONSTRAINT agenda_items_outcome_known CHECK (${inList('outcome', ['pending', 'reviewed', 'deferred', 'removed'])})`,
      )
      // A case is on at most one open agenda.
      await q("CREATE UNIQUE INDEX agenda_items_one_open_per_case ON agenda_items (case_id) WHERE outcome = 'pending'")
      await q('CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position)')

      await queryInterface.createTable(
        'declarations_of_interest',
        {
          id,
          meeting_id: ref('meetings'),
          case_id: ref('cases'),
          user_id: ref('users'),
          description: { type: Sequelize.TEXT },
          recorded_by: ref('users', true),
          ...timestamps(),
        },
        { transaction },
      )
      await q(
        'CREATE UNIQUE INDEX declarations_one_per_member_case ON declarations_of_interest (meeting_id, case_id, user_id)',
      )

      // Service settings an administrator can change, such as the quorum rule.
      await queryInterface.createTable(
        'settings',
        {
          key: { type: Sequelize.TEXT, primaryKey: true },
          value: { type: Sequelize.JSONB, allowNull: false },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          updated_by: ref('users', true),
          ...timestamps(),
        },
        { transaction },
      )
      await q(
        `INSERT INTO settings (key, value) VALUES ('quorum', '{"minimumMembers": 5, "requiredCapacities": ["chair", "paediatrician", "police", "social_care"]}')`,
      )

      // What panel members see instead of the circumstances: prepared by the coordinator, without identifying details.
      await queryInterface.addColumn('cases', 'anonymised_circumstances', { type: Sequelize.TEXT }, { transaction })
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.removeColumn('cases', 'anonymised_circumstances', { transaction })
      for (const table of ['settings', 'declarations_of_interest', 'agenda_items', 'meeting_members', 'meetings']) {
        await queryInterface.dropTable(table, { transaction })
      }
    })
  },
}
