import argon2 from 'argon2'

/**
 * argon2id with the library's defaults (OWASP-recommended memory and time costs). A hash of a
 * random value is kept so that unknown accounts take as long to refuse as wrong passwords.
 */
export default class PasswordHasher {
  private dummyHash: Promise<string> | null = null

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id })
  }

  async verify(hash: string, password: string): Promise<boolean> {
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
