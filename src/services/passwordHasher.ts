import argon2 from 'argon2'

/**
 * argon2id with OWASP's recommended parameters (19 MiB, 2 iterations, 1 lane): about 0.1 s here,
 * where the library's heavier defaults took 0.5 s of a 2-core server per sign-in. Each hash
 * records its parameters, so raising them later still verifies older hashes. A hash of a random
 * value is kept so that unknown accounts take as long to refuse as wrong passwords.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export default class PasswordHasher {
  private dummyHash: Promise<string> | null = null

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS)
  }

  /** An account with no password yet (an invitation not yet taken up) never matches, after the same effort. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) return this.verifyNothing(password)
    try {
      return await argon2.verify(hash, password)
    } catch {
      return false
    }
  }

  /** Spends the same effort as a real verification and always fails. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(`no account ${Math.random()}`)
    await this.verify(await this.dummyHash, password)
    return false
  }
}
