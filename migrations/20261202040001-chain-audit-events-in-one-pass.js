'use strict'

/**
 * The audit chain trigger (20261201030001) chained each row on its own at COMMIT: it locked the
 * single audit_chain_head row, updated it and returned, once per row. A transaction that writes
 * many audit rows (the history import writes one per case) therefore updated the head row once per
 * row inside one transaction; none of those row versions can be pruned before the commit, so each
 * lookup of the head walked all the versions before it: the commit took time growing with the
 * square of the rows (16,000 rows: 16 s, against 0.24 s for the rows themselves).
 *
 * Now the first row's trigger to fire at COMMIT takes the head lock once and chains, in id order
 * (the order they were inserted, which is the order their triggers would have fired), every row
 * that the same (sub)transaction inserted and that is not chained yet; it updates the head once.
 * The triggers of the other rows find their row already chained and return. The chain itself is
 * exactly as before: the same canonical form, the same hashes, gap-free seq, the same head lock
 * held only during the commit. Rows written with the trigger switched off (by the owner) stay
 * unchained, as before, because they were not inserted by this transaction.
 */

const BATCH_CHAIN = `
  CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  DECLARE
    head_seq bigint;
    head_hash text;
    next_hash text;
    already bigint;
    inserter xid;
    r audit_events;
    n integer := 0;
    ids bigint[] := '{}';
    seqs bigint[] := '{}';
    prevs text[] := '{}';
    hashes text[] := '{}';
  BEGIN
    SELECT seq, xmin INTO already, inserter FROM audit_events WHERE id = NEW.id;
    IF NOT FOUND OR already IS NOT NULL THEN
      RETURN NULL; -- chained by the trigger of an earlier row of this transaction
    END IF;
    SELECT seq, hash INTO STRICT head_seq, head_hash FROM audit_chain_head WHERE singleton FOR UPDATE;
    FOR r IN SELECT * FROM audit_events WHERE id >= NEW.id AND seq IS NULL AND xmin = inserter ORDER BY id LOOP
      n := n + 1;
      next_hash := encode(sha256(convert_to(audit_event_canonical(r, head_seq + 1, head_hash), 'UTF8')), 'hex');
      ids[n] := r.id;
      seqs[n] := head_seq + 1;
      prevs[n] := head_hash;
      hashes[n] := next_hash;
      head_seq := head_seq + 1;
      head_hash := next_hash;
    END LOOP;
    UPDATE audit_events e SET seq = c.seq, prev_hash = c.prev_hash, hash = c.hash
      FROM unnest(ids, seqs, prevs, hashes) AS c(id, seq, prev_hash, hash)
      WHERE e.id = c.id;
    UPDATE audit_chain_head SET seq = head_seq, hash = head_hash WHERE singleton;
    RETURN NULL;
  END
  $$`

// 20261201030001's function, row by row.
const ROW_CHAIN = `
  CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  DECLARE
    head_seq bigint;
    head_hash text;
    next_hash text;
  BEGIN
    SELECT seq, hash INTO STRICT head_seq, head_hash FROM audit_chain_head WHERE singleton FOR UPDATE;
    next_hash := encode(sha256(convert_to(audit_event_canonical(NEW, head_seq + 1, head_hash), 'UTF8')), 'hex');
    UPDATE audit_events SET seq = head_seq + 1, prev_hash = head_hash, hash = next_hash WHERE id = NEW.id;
    UPDATE audit_chain_head SET seq = head_seq + 1, hash = next_hash WHERE singleton;
    RETURN NULL;
  END
  $$`

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.sequelize.query(BATCH_CHAIN, { transaction })
      await queryInterface.sequelize.query('REVOKE ALL ON FUNCTION audit_events_chain() FROM PUBLIC', { transaction })
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      await queryInterface.sequelize.query(ROW_CHAIN, { transaction })
      await queryInterface.sequelize.query('REVOKE ALL ON FUNCTION audit_events_chain() FROM PUBLIC', { transaction })
    })
  },
}
