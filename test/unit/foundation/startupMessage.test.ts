import { startupMessage } from '../../../src/startupMessage'

describe('the start-up message', () => {
  it('prints the address and the one-time setup link when no account exists', () => {
    const text = startupMessage({ baseUrl: 'http://localhost:3000', setupToken: 'abc_DEF-123', setupLinkHours: 24 })
    expect(text).toContain('running at http://localhost:3000')
    expect(text).toContain('http://localhost:3000/setup/abc_DEF-123')
    expect(text).toContain('expires in 24 hours')
    expect(text).toContain('users:create')
  })

  it('points to the sign-in page once accounts exist', () => {
    const text = startupMessage({ baseUrl: 'https://cdop.example.org', setupToken: null, setupLinkHours: 24 })
    expect(text).toContain('Sign in at https://cdop.example.org/sign-in')
    expect(text).not.toContain('/setup/')
  })
})
