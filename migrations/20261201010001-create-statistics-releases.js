'use strict'

/**
 * Published statistics releases (statistics.md §5): every version of every release ever published,
 * as it went out, so that the public health role is served exactly what was signed off and the
 * check across releases knows everything already out. Rows are append-only, enforced by trigger:
 * a correction is a new row (the next version, with its reason), and a release is superseded when
 * a later version of the same period and scope exists, so nothing ever needs updating.
 *
 * `local_authority` is the scope of the release: always NULL (the whole panel) for now; releases
 * for one local authority will use it.
 */
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.createTable(
        'statistics_releases',
        {
          id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.literal('gen_random_uuid()') },
          period: { type: Sequelize.TEXT, allowNull: false },
          first_year: { type: Sequelize.TEXT, allowNull: false },
          last_year: { type: Sequelize.TEXT, allowNull: false },
          local_authority: { type: Sequelize.TEXT },
          version: { type: Sequelize.INTEGER, allowNull: false },
          correction_reason: { type: Sequelize.TEXT },
          published_by: { type: Sequelize.UUID, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' },
          published_by_name: { type: Sequelize.TEXT, allowNull: false },
          published_at: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.literal('now()') },
          suppress_max: { type: Sequelize.INTEGER, allowNull: false },
          /** The release as published (suppressed): every table with its labels, codes and figures. */
          release: { type: Sequelize.JSONB, allowNull: false },
          /** The note of the rules applied, as published. */
          notes: { type: Sequelize.JSONB, allowNull: false },
          /** Figures suppressed by the check across releases, beyond §3 rules 1–3. */
          extra_suppressed: { type: Sequelize.JSONB, allowNull: false, defaultValue: [] },
          /** SHA-256 of the exact counts it was made from: a correction must start from different ones. */
          exact_digest: { type: Sequelize.TEXT, allowNull: false },
          /** The CSV exactly as published, byte for byte. */
          csv: { type: Sequelize.BLOB, allowNull: false },
        },
        { transaction },
      )
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q(
        `CREATE UNIQUE INDEX statistics_releases_version ON statistics_releases (period, coalesce(local_authority, ''), version)`,
      )
      await q('CREATE INDEX statistics_releases_published_at ON statistics_releases (published_at)')
      await q(
        `ALTER TABLE statistics_releases ADD CONSTRAINT statistics_releases_period_format
           CHECK (period ~ '^[0-9]{4}-[0-9]{2}(\\.\\.[0-9]{4}-[0-9]{2})?$' AND first_year <= last_year)`,
      )
      await q(
        `ALTER TABLE statistics_releases ADD CONSTRAINT statistics_releases_correction_reason
           CHECK (version >= 1 AND (version = 1 OR length(btrim(coalesce(correction_reason, ''))) BETWEEN 1 AND 1000))`,
      )
      await q(`
        CREATE FUNCTION statistics_releases_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'statistics_releases is append-only: a published release never changes (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END
        $$`)
      await q(`CREATE TRIGGER statistics_releases_no_update_or_delete BEFORE UPDATE OR DELETE ON statistics_releases
               FOR EACH ROW EXECUTE FUNCTION statistics_releases_append_only()`)
      await q(`CREATE TRIGGER statistics_releases_no_truncate BEFORE TRUNCATE ON statistics_releases
               FOR EACH STATEMENT EXECUTE FUNCTION statistics_releases_append_only()`)
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.dropTable('statistics_releases', { transaction })
      await queryInterface.sequelize.query('DROP FUNCTION statistics_releases_append_only()', { transaction })
    })
  },
}
