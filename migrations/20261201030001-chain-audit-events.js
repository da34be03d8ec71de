'use strict'

/**
 * Tamper-evident audit log: every row of audit_events gets a gap-free sequence number and a
 * SHA-256 hash of its canonical serialisation plus the previous row's hash (a hash chain).
 *
 * The canonical serialisation of a row (reproduced exactly by src/domain/auditChain.ts, which the
 * verifier uses, so checking never relies on this function) is compact JSON with sorted keys:
 *
 *   {"action":…,"actor_user_id":…,"details":<details::text>,"entity_id":…,"entity_type":…,
 *    "id":<id>,"ip":…,"occurred_at":"YYYY-MM-DDTHH:MM:SS.ffffffZ","prev_hash":"<64 hex>",
 *    "request_id":…,"seq":<seq>}
 *
 * strings as to_json(text) writes them (the same escapes as JSON.stringify), null for NULL, the
 * details as PostgreSQL's normalised jsonb text, the time in UTC with microseconds. The first row's
 * prev_hash is 64 zeros. hash = lower-case hex SHA-256 of the UTF-8 bytes.
 *
 * When: a deferred constraint trigger chains each row at COMMIT. It locks the single-row
 * audit_chain_head FOR UPDATE, so instances writing at once queue there in commit order, and the
 * lock is held only from the start of the commit to its end, never while the rest of a transaction
 * (an import of 100,000 cases, a page) runs: no deadlock with the locks of the change being
 * audited. A rolled-back transaction rolls back its head update too, so seq has no gaps.
 * The trigger then sets seq, prev_hash and hash on the row it just inserted: the one UPDATE the
 * append-only trigger lets through (from inside a trigger, on an unchained row, changing nothing
 * else). The table keeps free space on each page (fillfactor) so that update is a HOT update.
 */

const CANONICAL = `
  CREATE FUNCTION audit_event_canonical(e audit_events, seq bigint, prev_hash text) RETURNS text
  LANGUAGE sql STABLE AS $$
    SELECT '{"action":' || to_json(e.action)::text
      || ',"actor_user_id":' || coalesce(to_json(e.actor_user_id::text)::text, 'null')
      || ',"details":' || e.details::text
      || ',"entity_id":' || coalesce(to_json(e.entity_id)::text, 'null')
      || ',"entity_type":' || coalesce(to_json(e.entity_type)::text, 'null')
      || ',"id":' || e.id::text
      || ',"ip":' || coalesce(to_json(e.ip)::text, 'null')
      || ',"occurred_at":"' || to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"'
      || ',"prev_hash":' || to_json(prev_hash)::text
      || ',"request_id":' || coalesce(to_json(e.request_id)::text, 'null')
      || ',"seq":' || seq::text
      || '}'
  $$`

const APPEND_ONLY = `
  CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- The chain trigger fills in seq, prev_hash and hash of a row just inserted; nothing else may change.
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END
  $$`

const ORIGINAL_APPEND_ONLY = `
  CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END
  $$`

const UNCHAINED = `
  CREATE FUNCTION audit_events_unchained() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Whatever an inserter puts there, the chain values come from the chain trigger alone.
    NEW.seq := NULL;
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
  END
  $$`

// SECURITY DEFINER: runs as the owner, so the app's role needs no right on audit_chain_head and no UPDATE on audit_events.
const CHAIN = `
  CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
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

// Existing rows, in the order they were written.
const BACKFILL = `
  DO $$
  DECLARE
    r audit_events;
    s bigint := 0;
    h text := repeat('0', 64);
    nh text;
  BEGIN
    FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
      s := s + 1;
      nh := encode(sha256(convert_to(audit_event_canonical(r, s, h), 'UTF8')), 'hex');
      UPDATE audit_events SET seq = s, prev_hash = h, hash = nh WHERE id = r.id;
      h := nh;
    END LOOP;
    INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, s, h);
  END
  $$`

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q('ALTER TABLE audit_events ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text')
      await q('ALTER TABLE audit_events SET (fillfactor = 85)')
      await q(`CREATE TABLE audit_chain_head (
                 singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                 seq bigint NOT NULL CHECK (seq >= 0),
                 hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
               )`)
      await q(CANONICAL)
      await q('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete')
      await q(BACKFILL)
      await q('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_or_delete')
      await q(APPEND_ONLY)
      await q(UNCHAINED)
      await q(`CREATE TRIGGER audit_events_unchained BEFORE INSERT ON audit_events
               FOR EACH ROW EXECUTE FUNCTION audit_events_unchained()`)
      await q(CHAIN)
      await q(`CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events
               DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_events_chain()`)
      // The chain head changes only through the chain trigger; it is never the app's to write.
      await q('REVOKE ALL ON audit_chain_head FROM PUBLIC')
      await q('REVOKE ALL ON FUNCTION audit_events_chain() FROM PUBLIC')
    })
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async transaction => {
      const q = sql => queryInterface.sequelize.query(sql, { transaction })
      await q('DROP TRIGGER audit_events_chain ON audit_events')
      await q('DROP TRIGGER audit_events_unchained ON audit_events')
      await q('DROP FUNCTION audit_events_chain()')
      await q('DROP FUNCTION audit_events_unchained()')
      await q(ORIGINAL_APPEND_ONLY)
      await q('DROP FUNCTION audit_event_canonical(audit_events, bigint, text)')
      await q('DROP TABLE audit_chain_head')
      await q('ALTER TABLE audit_events RESET (fillfactor)')
      await q('ALTER TABLE audit_events DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash')
    })
  },
}
