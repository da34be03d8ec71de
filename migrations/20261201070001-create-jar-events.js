'use strict'

// Joint agency response event kinds as they stand when this migration was written; a later change
// to the list is a new migration, never an edit of this one.
const KINDS = [
  'strategy_discussion_initial',
  'strategy_discussion_follow_up',
  'home_visit',
  'jar_meeting',
  'post_mortem',
  'inquest_opened',
  'inquest_concluded',
]
// A case has at most one of these; the others (follow-up discussions, a second post-mortem…) may repeat.
const ONCE = ['strategy_discussion_initial', 'inquest_opened', 'inquest_concluded']

const inList = (column, values) => `${column} IN (${values.map(v => `'${v}'`).join(', ')})`

/**
 * What happened in a case's joint agency response, each with its date: strategy discussions, the
 * home visit, the joint agency response (rapid response) meeting, the post-mortem and the inquest.
 * `attendees` is who took part in a discussion or meeting: [{ "agency": code, "role": text }].
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await queryInterface.createTable(
        'jar_events',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          case_id: {
            type: Sequelize.UUID,
            allowNull: false,
            references: { model: 'cases', key: 'id' },
            onDelete: 'RESTRICT',
          },
          kind: { type: Sequelize.TEXT, allowNull: false },
          event_date: { type: Sequelize.DATEONLY, allowNull: false },
          note: { type: Sequelize.TEXT },
          attendees: { type: Sequelize.JSONB, allowNull: false, defaultValue: Sequelize.literal("'[]'::jsonb") },
          version: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
          created_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          updated_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          created_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          updated_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
        },
        { transaction },
      )
      const checks = {
        jar_events_kind_known: inList('kind', KINDS),
        jar_events_note_length: 'note IS NULL OR length(note) BETWEEN 1 AND 2000',
        jar_events_attendees_list: "jsonb_typeof(attendees) = 'array' AND jsonb_array_length(attendees) <= 50",
      }
      for (const [name, check] of Object.entries(checks))
        await q(`ALTER TABLE jar_events ADD CONSTRAINT ${name} CHECK (${check})`)
      // The case page and its timeline read a case's events in date order.
      await q('CREATE INDEX jar_events_case ON jar_events (case_id, event_date, created_at)')
      await q(
        `CREATE UNIQUE INDEX jar_events_once_per_case ON jar_events (case_id, kind) WHERE ${inList('kind', ONCE)}`,
      )
    })
  },

  async down(queryInterface) {
    await queryInterface.dropTable('jar_events')
  },
}
