import { Client } from 'pg'
import { userOf } from '../../../src/db/privileges'
import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn } from '../../helpers/agent'
import { asOwner, ownerUrl } from '../../helpers/ownerDb'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

const appUrl = process.env.DATABASE_URL!
const separateRoles = userOf(appUrl) !== userOf(ownerUrl())

// With a TEST_DATABASE_URL and no TEST_APP_DATABASE_URL the app and the owner are one role: nothing to check.
;(separateRoles ? describe : describe.skip)('the app’s database role', () => {
  let t: TestApp
  let app: Client
  beforeAll(async () => {
    t = createTestApp()
    app = new Client({ connectionString: appUrl })
    await app.connect()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    await buildUser(t.services)
  })
  afterAll(async () => {
    await app.end()
    await t.close()
  })

  const refused = (sql: string) =>
    expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner|must be superuser|not allowed/)

  it('is neither a superuser nor the owner, and the app really serves requests as it', async () => {
    const { rows } = await app.query(
      `SELECT current_user AS who, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
              pg_get_userbyid(c.relowner) AS owner
       FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_events'::regclass`,
    )
    expect(rows[0]).toMatchObject({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false })
    expect(rows[0].owner).not.toBe(rows[0].who)
    const [[me]] = (await t.db.sequelize.query('SELECT current_user AS who')) as [{ who: string }[], unknown]
    expect(me.who).toBe(rows[0].who)
  })

  it('may insert into and read the audit log, and nothing else', async () => {
    await app.query(`INSERT INTO audit_events (action, details) VALUES ('sign_in', '{}')`)
    const { rows } = await app.query('SELECT count(*)::int AS n FROM audit_events')
    expect(rows[0].n).toBe(2)
    await refused("UPDATE audit_events SET action = 'tampered'")
    await refused('DELETE FROM audit_events')
    await refused('TRUNCATE audit_events')
    await refused('ALTER TABLE audit_events DISABLE TRIGGER USER')
    await refused('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete')
    await refused('ALTER TABLE audit_events ADD COLUMN x int')
    await refused('DROP TRIGGER audit_events_chain ON audit_events')
    await refused('DROP TABLE audit_events')
    await refused('SET session_replication_role = replica')
    await refused('SET LOCAL session_replication_role = replica')
    await refused("UPDATE audit_chain_head SET seq = 0, hash = repeat('0', 64)")
    await refused(`DELETE FROM audit_chain_head`)
    await refused('CREATE TABLE sneaky (id int)')
    await refused(
      'CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
    )
    const { rows: logs } = await asOwner(c =>
      c.query<{ name: string }>(
        `SELECT format('%I', tablename) AS name FROM pg_tables WHERE lower(tablename) IN ('sequelizemeta', 'sequelize_meta')`,
      ),
    )
    expect(logs).toHaveLength(1)
    await refused(`DELETE FROM ${logs[0].name}`)
    const after = await asOwner(c => c.query('SELECT count(*)::int AS n FROM audit_events'))
    expect(after.rows[0].n).toBe(2)
    expect((await t.services.auditChainService.verify()).ok).toBe(true)
  })

  it('runs the whole app: sessions, accounts and every table through the app role', async () => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
    expect((await agent.get('/admin/users')).status).toBe(200)
    const { rows } = await app.query('SELECT count(*)::int AS n FROM session')
    expect(rows[0].n).toBeGreaterThan(0)
  })

  it('gets the same rights on a table a later migration creates, through default privileges', async () => {
    await asOwner(c => c.query('CREATE TABLE later_feature (id serial PRIMARY KEY, note text)'))
    try {
      await app.query(`INSERT INTO later_feature (note) VALUES ('x')`)
      await app.query(`UPDATE later_feature SET note = 'y'`)
      await app.query('DELETE FROM later_feature')
      await refused('ALTER TABLE later_feature ADD COLUMN z int')
    } finally {
      await asOwner(c => c.query('DROP TABLE later_feature'))
    }
  })
})
