import type { Role } from '../../../src/domain/codes'
import { buildUser, signInAs } from '../../factories'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'

describe('role-based access', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const signedInAs = async (roles: Role[]) => {
    const user = await buildUser(t.services, { roles })
    const agent = await signInAs(t, user)
    return agent
  }

  it.each([['coordinator'], ['panel_member'], ['public_health']] as Role[][])(
    'refuses the account pages and audit log to a %s',
    async role => {
      const agent = await signedInAs([role])
      for (const path of ['/admin/users', '/admin/users/new', '/admin/audit']) {
        const response = await agent.get(path)
        expect(response.status).toBe(403)
        expect(response.text).toContain('You do not have permission to see this page')
      }
    },
  )

  it('shows each person only the navigation of their roles', async () => {
    const coordinator = await signedInAs(['coordinator'])
    expect((await coordinator.get('/')).text).not.toContain('href="/admin/users"')
    const admin = await signedInAs(['admin', 'coordinator'])
    const home = await admin.get('/')
    expect(home.text).toContain('href="/admin/users"')
    expect(home.text).toContain('Notify a child death')
  })

  it('takes away access at once when an account is deactivated', async () => {
    const user = await buildUser(t.services, { roles: ['admin'] })
    const agent = await signInAs(t, user)
    await agent.get('/admin/users').expect(200)
    await t.db.models.User.update({ active: false }, { where: { id: user.id } })
    const response = await agent.get('/admin/users')
    expect(response.status).toBe(302)
  })
})
