import argon2 from 'argon2'

/**
 * argon2id with OWASP's recommended parameters (19 MiB, 2 iterations, 1 lane): about 0.1 s here,
 * where the library's heavier defaults took 0.5 s of a 2-core server per sign-in. Each hash
 * records its parameters, so raising them later still verifies older hashes. A hash of a random
 * value is kept so that unknown accounts take as long to refuse as wrong passwords.
 */
export const OWASP_ARGON2ID = { memoryCost: 19_456, timeCost: 2 } as const

/**
 * The cheapest argon2id the library accepts. Only tests use it (through the composition root), so
 * a suite that signs in hundreds of times spends its time on what it tests, not on hashing.
 */
export const CHEAPEST_ARGON2ID = { memoryCost: 8, timeCost: 1 } as const

export default class PasswordHasher {
  private dummyHash: Promise<string> | null = null

  constructor(private readonly cost: { memoryCost: number; timeCost: number } = OWASP_ARGON2ID) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, parallelism: 1, ...this.cost })
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
