'use strict'

/**
 * A version of the data the statistics are made from (issue 13: the report page's release is made
 * once per version of its data, not on every request). It must change with, and be visible no
 * sooner than, every committed write to what a release reads: cases, agency requests (timeliness)
 * and the list of local authorities. A sequence cannot do it (its numbers are handed out before the
 * commit, out of commit order); a counter row updated by each writing statement would lock that row
 * from the first write to the commit, and two transactions each holding a case row the other wants
 * would deadlock on it.
 *
 * So a writing statement only marks its transaction (a row keyed by the transaction id, nobody else
 * waits for it), and the mark's deferred trigger bumps the counter once, at COMMIT, after taking the
 * audit chain's head lock, which every commit that writes these tables takes at that moment anyway
 * (every change is audited). Commits that bump the version therefore queue on the one lock they
 * already queued on, always in the same order (head, then version): no new wait and no deadlock.
 *
 * The app's role may read the version and nothing else of it; the functions run as the owner.
 */
const TRACKED = ['cases', 'agency_requests', 'local_authorities']

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q(`CREATE TABLE statistics_data_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`)
      await q('INSERT INTO statistics_data_version (singleton, version) VALUES (true, 1)')
      await q('CREATE TABLE statistics_data_changes (txid xid8 PRIMARY KEY)')
      await q(`CREATE FUNCTION statistics_data_mark() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = public, pg_temp AS $$
        BEGIN
          INSERT INTO statistics_data_changes (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
          RETURN NULL;
        END
        $$`)
      await q(`CREATE FUNCTION statistics_data_bump() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = public, pg_temp AS $$
        BEGIN
          PERFORM 1 FROM audit_chain_head WHERE singleton FOR UPDATE;
          UPDATE statistics_data_version SET version = version + 1 WHERE singleton;
          DELETE FROM statistics_data_changes WHERE txid = NEW.txid;
          RETURN NULL;
        END
        $$`)
      for (const fn of ['statistics_data_mark()', 'statistics_data_bump()']) {
        await q(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`)
      }
      await q(`CREATE CONSTRAINT TRIGGER statistics_data_changes_bump AFTER INSERT ON statistics_data_changes
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION statistics_data_bump()`)
      for (const table of TRACKED) {
        await q(`CREATE TRIGGER ${table}_statistics_data_mark AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION statistics_data_mark()`)
      }
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      for (const table of TRACKED) await q(`DROP TRIGGER ${table}_statistics_data_mark ON ${table}`)
      await q('DROP TABLE statistics_data_changes')
      await q('DROP TABLE statistics_data_version')
      await q('DROP FUNCTION statistics_data_mark()')
      await q('DROP FUNCTION statistics_data_bump()')
    })
  },
}
