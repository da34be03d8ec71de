import type { Response } from 'express'
import type { RefusalReason } from '../../services/signInService'

/** One wording for every refusal, whatever the account: none of them says whether it exists. */
export function refusalMessage(reason: RefusalReason, retryAfterSeconds: number | undefined, what: string): string {
  const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 900) / 60))
  switch (reason) {
    case 'locked':
      return `There have been too many attempts to sign in to this account from your device or network. Wait ${minutes} minutes and try again`
    case 'throttled':
      return `There have been too many attempts to sign in from your network. Wait ${minutes} minutes and try again`
    case 'slowed':
      return `There have been many attempts to sign in to this account. Wait ${Math.max(1, retryAfterSeconds ?? 1)} seconds and try again`
    default:
      return what
  }
}

/** 401 for a wrong password or code; 429 with Retry-After when the attempt was not checked at all. */
export function refusalStatus(res: Response, reason: RefusalReason, retryAfterSeconds: number | undefined): Response {
  if (reason === 'invalid') return res.status(401)
  if (retryAfterSeconds) res.set('Retry-After', String(retryAfterSeconds))
  return res.status(429)
}
