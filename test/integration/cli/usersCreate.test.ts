import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { runCliInTest } from '../../helpers/cli'

const cli = (t: TestApp, argv: string[], stdin = '') => runCliInTest(t, argv, { stdin })

describe('npm run cdop -- users:create', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('creates an account with the password from the first line of standard input', async () => {
    const result = await cli(
      t,
      ['users:create', '--email', 'ada@example.org', '--name', 'Ada Admin', '--role', 'admin', '--role', 'coordinator'],
      'a fine long passphrase\nignored\n',
    )
    expect(result).toMatchObject({ code: 0, err: '' })
    expect(result.out).toContain('Created Ada Admin <ada@example.org> with roles: admin, coordinator')
    const user = await t.services.userService.findByEmail('ada@example.org')
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'user_created' } })).toBe(1)
  })

  it('refuses bad arguments, weak passwords and duplicates with plain messages and a non-zero code', async () => {
    const bad = await cli(
      t,
      ['users:create', '--email', 'nope', '--name', 'X', '--role', 'boss'],
      'a fine long passphrase\n',
    )
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--email must be an email address')
    expect(bad.err).toContain('unknown role boss')
    const weak = await cli(
      t,
      ['users:create', '--email', 'a@example.org', '--name', 'A Person', '--role', 'admin'],
      'short\n',
    )
    expect(weak).toMatchObject({ code: 2, err: 'Password must be 12 characters or more\n' })
    await cli(
      t,
      ['users:create', '--email', 'a@example.org', '--name', 'A Person', '--role', 'admin'],
      'a fine long passphrase\n',
    )
    const duplicate = await cli(
      t,
      ['users:create', '--email', 'A@example.org', '--name', 'A Person', '--role', 'admin'],
      'a fine long passphrase\n',
    )
    expect(duplicate).toMatchObject({ code: 2, err: 'An account with this email address already exists\n' })
    const unknownOption = await cli(t, ['users:create', '--password', 'on-the-command-line'])
    expect(unknownOption.code).toBe(2)
  })

  it('prints help, and refuses an unknown command', async () => {
    expect((await cli(t, ['--help'])).out).toContain('users:create')
    expect((await cli(t, ['users:create', '--help'])).out).toContain('--role ROLE')
    expect((await cli(t, ['frobnicate'])).code).toBe(1)
  })
})
