import type { Config } from '../config'
import type { User } from '../db/models'
import type { SecondFactorInput } from '../domain/secondFactor'
import { decideAttempt } from '../domain/signInThrottle'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import type { AuditAction } from './auditService'
import type PasswordHasher from './passwordHasher'
import type SecondFactorService from './secondFactorService'
import type UserService from './userService'

export type RefusalReason = 'invalid' | 'locked' | 'throttled' | 'slowed'

/** What comes after a right password: nothing, a code, or setting up a second factor first. */
export type SecondStep = 'none' | 'verify' | 'enrol'

export type SignInResult =
  { ok: true; user: User; secondStep: SecondStep } | { ok: false; reason: RefusalReason; retryAfterSeconds?: number }

export type SecondFactorResult =
  { ok: true; user: User } | { ok: false; reason: RefusalReason; retryAfterSeconds?: number }

type Action = AuditAction

function failureReason(user: User | null, passwordValid: boolean): string {
  if (!user) return 'unknown_account'
  if (!user.passwordHash) return 'no_password_yet'
  return passwordValid ? 'inactive_account' : 'wrong_password'
}

/**
 * Checks a sign-in and limits guessing (see domain/signInThrottle): the pair of account and
 * address locks after a few failures, the account as a whole is only slowed, and each address is
 * limited across all accounts. The counts come from the audit log, so the limits hold across every
 * instance of the app with no state in memory. Failures are keyed by the address typed, whether
 * or not such an account exists, so neither the messages nor the limits reveal which accounts exist.
 * The code step of the second factor is limited the same way, keyed by the account.
 */
export default class SignInService {
  constructor(
    private readonly userService: UserService,
    private readonly auditService: AuditService,
    private readonly passwordHasher: PasswordHasher,
    private readonly limits: Config['signIn'],
    private readonly secondFactorService: SecondFactorService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async signIn(emailInput: string, password: string, context: AuditContext): Promise<SignInResult> {
    const email = emailInput.trim().toLowerCase()
    const windowStart = this.windowStart()

    if (
      context.ip &&
      (await this.auditService.countSince({ action: 'sign_in_failed', ip: context.ip }, windowStart)) >=
        this.limits.maxFailuresPerAddress
    ) {
      await this.refuse(context, 'sign_in_refused', 'account', email, 'address_throttled')
      return { ok: false, reason: 'throttled', retryAfterSeconds: this.limits.lockMinutes * 60 }
    }

    const known = await this.userService.findByEmail(email)
    const since = known ? await this.countFrom(known) : windowStart
    const decision = await this.decide('sign_in_failed', 'account', email, since, context)
    if (!decision.allowed) {
      await this.refuse(context, 'sign_in_refused', 'account', email, decision.reason)
      return { ok: false, reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds }
    }

    const valid = known
      ? await this.passwordHasher.verify(known.passwordHash, password)
      : await this.passwordHasher.verifyNothing(password)
    if (!known || !valid || !known.active) {
      await this.auditService.record(context, {
        action: 'sign_in_failed',
        entityType: 'account',
        entityId: email,
        details: { reason: failureReason(known, valid) },
      })
      // The attempt that reaches the limit says so at once.
      const after = await this.decide('sign_in_failed', 'account', email, since, context)
      return after.allowed || after.reason !== 'locked'
        ? { ok: false, reason: 'invalid' }
        : { ok: false, reason: 'locked', retryAfterSeconds: after.retryAfterSeconds }
    }

    if (this.secondFactorService.isEnrolled(known) || this.secondFactorService.required) {
      await this.auditService.record(
        { ...context, actorUserId: known.id },
        { action: 'sign_in_password_accepted', entityType: 'user', entityId: known.id },
      )
      return { ok: true, user: known, secondStep: this.secondFactorService.isEnrolled(known) ? 'verify' : 'enrol' }
    }
    await this.completeSignIn(known, context)
    return { ok: true, user: known, secondStep: 'none' }
  }

  /** The code step: limited like passwords, per account and address, the account only slowed. */
  async checkSecondFactor(userId: string, input: SecondFactorInput | null, context: AuditContext) {
    const user = await this.userService.findById(userId)
    if (!user || !user.active) return { ok: false, reason: 'invalid' } as SecondFactorResult
    const since = await this.countFrom(user)
    const decision = await this.decide('second_factor_failed', 'user', user.id, since, context)
    if (!decision.allowed) {
      await this.refuse({ ...context, actorUserId: user.id }, 'second_factor_refused', 'user', user.id, decision.reason)
      return { ok: false, reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds } as SecondFactorResult
    }
    if (input && (await this.secondFactorService.verify(user, input, context))) {
      await this.completeSignIn(user, context)
      return { ok: true, user } as SecondFactorResult
    }
    await this.auditService.record(
      { ...context, actorUserId: user.id },
      { action: 'second_factor_failed', entityType: 'user', entityId: user.id, details: { kind: input?.kind ?? null } },
    )
    const after = await this.decide('second_factor_failed', 'user', user.id, since, context)
    return (
      after.allowed || after.reason !== 'locked'
        ? { ok: false, reason: 'invalid' }
        : { ok: false, reason: 'locked', retryAfterSeconds: after.retryAfterSeconds }
    ) as SecondFactorResult
  }

  /** Records a full sign-in: after the password alone, or after the second factor. */
  async completeSignIn(user: User, context: AuditContext): Promise<void> {
    await this.userService.recordSignIn(user)
    await this.auditService.record(
      { ...context, actorUserId: user.id },
      { action: 'sign_in', entityType: 'user', entityId: user.id },
    )
  }

  private windowStart(): Date {
    return new Date(this.now().getTime() - this.limits.lockMinutes * 60_000)
  }

  /**
   * Failures count within the window, and only since the account's last successful sign-in or
   * the last password set for it (by its owner through a link, or by the command line).
   */
  private async countFrom(user: User): Promise<Date> {
    const resets = await Promise.all([
      this.auditService.latestOccurredAt({ action: 'sign_in', entityType: 'user', entityId: user.id }),
      this.auditService.latestOccurredAt({ action: 'user_password_set', entityType: 'user', entityId: user.id }),
      this.auditService.latestOccurredAt({ action: 'password_reset_completed', entityType: 'user', entityId: user.id }),
    ])
    return [this.windowStart(), ...resets].filter((d): d is Date => d !== null).reduce((a, b) => (a > b ? a : b))
  }

  private async decide(action: Action, entityType: string, entityId: string, since: Date, context: AuditContext) {
    const [pairFailures, accountFailures, lastFailure] = await Promise.all([
      context.ip ? this.auditService.countSince({ action, entityId, ip: context.ip }, since) : Promise.resolve(0),
      this.auditService.countSince({ action, entityId }, since),
      this.auditService.latestOccurredAt({ action, entityType, entityId }),
    ])
    return decideAttempt(
      {
        pairFailures,
        accountFailures,
        lastAccountFailureAt: lastFailure,
        now: this.now(),
        lockMinutes: this.limits.lockMinutes,
      },
      {
        maxFailures: this.limits.maxFailures,
        slowAfter: this.limits.accountSlowAfter,
        maxDelaySeconds: this.limits.accountMaxDelaySeconds,
      },
    )
  }

  private async refuse(context: AuditContext, action: Action, entityType: string, entityId: string, reason: string) {
    await this.auditService.record(context, { action, entityType, entityId, details: { reason } })
  }
}
