import PasswordHasher, { CHEAPEST_ARGON2ID } from '../../../src/services/passwordHasher'

describe('password hashing', () => {
  it("uses argon2id at OWASP's parameters by default", async () => {
    const hash = await new PasswordHasher().hash('correct horse battery staple')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
  })

  it('verifies across costs, so hashes made at another cost still sign in', async () => {
    const cheap = new PasswordHasher(CHEAPEST_ARGON2ID)
    const real = new PasswordHasher()
    const hash = await cheap.hash('correct horse battery staple')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=8,p=1,t=1\$/)
    await expect(real.verify(hash, 'correct horse battery staple')).resolves.toBe(true)
    await expect(real.verify(hash, 'Correct horse battery staple')).resolves.toBe(false)
    await expect(real.verify('not a hash', 'anything')).resolves.toBe(false)
    await expect(cheap.verifyNothing('anything')).resolves.toBe(false)
  })
})
