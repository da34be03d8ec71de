import type { Config } from '../config'
import type { User } from '../db/models'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import type PasswordHasher from './passwordHasher'
import type UserService from './userService'

export type SignInResult = { ok: true; user: User } | { ok: false; reason: 'invalid' | 'locked' | 'throttled' }

/**
 * Checks a sign-in and limits guessing, per account and per address. The counts come from the
 * audit log, so the limits hold across every instance of the app without any state in memory.
 * Failures are keyed by the address typed, whether or not such an account exists, so neither
 * the messages nor the lockout reveal which accounts exist.
 */
function failureReason(user: User | null, passwordValid: boolean): string {
  if (!user) return 'unknown_account'
  return passwordValid ? 'inactive_account' : 'wrong_password'
}

export default class SignInService {
  constructor(
    private readonly userService: UserService,
    private readonly auditService: AuditService,
    private readonly passwordHasher: PasswordHasher,
    private readonly limits: Config['signIn'],
    private readonly now: () => Date = () => new Date(),
  ) {}

  async signIn(emailInput: string, password: string, context: AuditContext): Promise<SignInResult> {
    const email = emailInput.trim().toLowerCase()
    const windowStart = new Date(this.now().getTime() - this.limits.lockMinutes * 60_000)

    if (
      context.ip &&
      (await this.auditService.countSince({ action: 'sign_in_failed', ip: context.ip }, windowStart)) >=
        this.limits.maxFailuresPerAddress
    ) {
      await this.auditService.record(context, {
        action: 'sign_in_refused',
        entityType: 'account',
        entityId: email,
        details: { reason: 'address_throttled' },
      })
      return { ok: false, reason: 'throttled' }
    }
    if (await this.isLocked(email, windowStart)) {
      await this.auditService.record(context, {
        action: 'sign_in_refused',
        entityType: 'account',
        entityId: email,
        details: { reason: 'locked' },
      })
      return { ok: false, reason: 'locked' }
    }

    const user = await this.userService.findByEmail(email)
    const valid = user
      ? await this.passwordHasher.verify(user.passwordHash, password)
      : await this.passwordHasher.verifyNothing(password)
    if (!user || !valid || !user.active) {
      const reason = failureReason(user, valid)
      await this.auditService.record(context, {
        action: 'sign_in_failed',
        entityType: 'account',
        entityId: email,
        details: { reason },
      })
      // The attempt that reaches the limit locks the account at once.
      return { ok: false, reason: (await this.isLocked(email, windowStart)) ? 'locked' : 'invalid' }
    }

    await this.userService.recordSignIn(user)
    await this.auditService.record(
      { ...context, actorUserId: user.id },
      { action: 'sign_in', entityType: 'user', entityId: user.id },
    )
    return { ok: true, user }
  }

  /**
   * Locked while the limit of failures has been reached within the window, counting only failures
   * since the account's last successful sign-in or the last password an administrator set.
   */
  private async isLocked(email: string, windowStart: Date): Promise<boolean> {
    const failures = await this.auditService.countSince({ action: 'sign_in_failed', entityId: email }, windowStart)
    if (failures < this.limits.maxFailures) return false
    const user = await this.userService.findByEmail(email)
    if (!user) return true
    const resets = await Promise.all([
      this.auditService.latestOccurredAt({ action: 'sign_in', entityType: 'user', entityId: user.id }),
      this.auditService.latestOccurredAt({ action: 'user_password_set', entityType: 'user', entityId: user.id }),
    ])
    const since = [windowStart, ...resets].filter((d): d is Date => d !== null).reduce((a, b) => (a > b ? a : b))
    if (since === windowStart) return true
    return (
      (await this.auditService.countSince({ action: 'sign_in_failed', entityId: email }, since)) >=
      this.limits.maxFailures
    )
  }
}
