import { buildUser, TEST_PASSWORD } from '../../factories'
import { newAgent, signIn, submitForm } from '../../helpers/agent'
import { asOwner } from '../../helpers/ownerDb'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('the audit log', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const actions = async () => (await t.db.models.AuditEvent.findAll({ order: [['id', 'ASC']] })).map(e => e.action)

  it('records sign-ins, failed sign-ins and sign-outs with the request id and address', async () => {
    const user = await buildUser(t.services)
    const agent = newAgent(t.app)
    await submitForm(agent, '/sign-in', { email: user.email, password: 'wrong' })
    await signIn(agent, user.email, TEST_PASSWORD)
    await submitForm(agent, '/', {}, '/sign-out')
    // Signing out from the home page: the coordinator's dashboard names children, so showing it is recorded too.
    expect(await actions()).toEqual(['user_created', 'sign_in_failed', 'sign_in', 'case_list_viewed', 'sign_out'])
    const signInRow = await t.db.models.AuditEvent.findOne({ where: { action: 'sign_in' } })
    expect(signInRow!.actorUserId).toBe(user.id)
    expect(signInRow!.requestId).toMatch(/^[\w-]{8,}$/)
    expect(signInRow!.ip).toBeTruthy()
    const failed = await t.db.models.AuditEvent.findOne({ where: { action: 'sign_in_failed' } })
    expect(failed!.details).toEqual({ reason: 'wrong_password' })
    // The password typed is never recorded.
    expect(JSON.stringify(failed!.toJSON())).not.toContain('"wrong"')
  })

  it('refuses to change, delete or truncate audit rows, in the database itself', async () => {
    await buildUser(t.services)
    // The app's role has no right to (permission denied); the owner is stopped by the trigger.
    for (const run of [(sql: string) => t.db.sequelize.query(sql), (sql: string) => asOwner(c => c.query(sql))]) {
      await expect(run("UPDATE audit_events SET action = 'tampered'")).rejects.toThrow(/append-only|permission denied/)
      await expect(run('DELETE FROM audit_events')).rejects.toThrow(/append-only|permission denied/)
      await expect(run('TRUNCATE audit_events')).rejects.toThrow(/append-only|permission denied/)
    }
    await expect(asOwner(c => c.query('DELETE FROM audit_events'))).rejects.toThrow(/append-only/)
    expect(await actions()).toEqual(['user_created'])
  })

  it('writes the audit row in the same transaction as the change: no change without its row', async () => {
    const before = await t.db.models.User.count()
    await expect(
      t.db.transaction(async transaction => {
        await t.services.userService.create(
          { email: 'rolled@example.org', name: 'Rolled Back', roles: ['coordinator'], password: TEST_PASSWORD },
          { actorUserId: null, requestId: 'r1', ip: null },
          { transaction },
        )
        throw new Error('something later in the same unit of work failed')
      }),
    ).rejects.toThrow('something later')
    expect(await t.db.models.User.count()).toBe(before)
    expect(await actions()).toEqual([])
  })

  it('lets an administrator read and filter it, and records that they did', async () => {
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = newAgent(t.app)
    await signIn(agent, admin.email, TEST_PASSWORD)
    const page = await agent.get('/admin/audit?action=sign_in').expect(200)
    expect(page.text).toContain('Signed in')
    expect(page.text).not.toContain('Account created for')
    expect(await actions()).toContain('audit_log_viewed')
    await agent.get('/admin/audit?before=-4&after[]=x').expect(200)
    await agent.get('/admin/audit?action=x&action=y').expect(400)
  })
})
