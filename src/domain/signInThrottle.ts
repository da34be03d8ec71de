/**
 * Keeping guessing out without handing anyone a lockout switch.
 *
 * - The pair (account, address) locks after `maxFailures` failures in the window: one address
 *   cannot keep guessing one account, but the person signing in from elsewhere is not affected.
 * - The account as a whole is never locked: once failures from any addresses pass `slowAfter`,
 *   each further attempt must wait after the last failure, the wait doubling with every failure,
 *   up to `maxDelaySeconds`. Guessing across many addresses is held to one guess per wait, and
 *   the real person waits at most `maxDelaySeconds`.
 */
export interface ThrottleLimits {
  maxFailures: number
  slowAfter: number
  maxDelaySeconds: number
}

/** Seconds an attempt on an account must wait after its last failure, given its failures in the window. */
export function accountDelaySeconds(failures: number, limits: Pick<ThrottleLimits, 'slowAfter' | 'maxDelaySeconds'>) {
  if (!Number.isFinite(failures) || failures < limits.slowAfter) return 0
  const exponent = Math.min(failures - limits.slowAfter, 30)
  return Math.min(2 ** exponent, limits.maxDelaySeconds)
}

export type ThrottleDecision =
  { allowed: true } | { allowed: false; reason: 'locked' | 'slowed'; retryAfterSeconds: number }

/** Whether an attempt may be checked at all, before any password or code is looked at. */
export function decideAttempt(
  input: {
    pairFailures: number
    accountFailures: number
    lastAccountFailureAt: Date | null
    now: Date
    lockMinutes: number
  },
  limits: ThrottleLimits,
): ThrottleDecision {
  if (input.pairFailures >= limits.maxFailures) {
    return { allowed: false, reason: 'locked', retryAfterSeconds: input.lockMinutes * 60 }
  }
  const delay = accountDelaySeconds(input.accountFailures, limits)
  if (delay > 0 && input.lastAccountFailureAt) {
    const waited = (input.now.getTime() - input.lastAccountFailureAt.getTime()) / 1000
    if (waited < delay) return { allowed: false, reason: 'slowed', retryAfterSeconds: Math.ceil(delay - waited) }
  }
  return { allowed: true }
}
