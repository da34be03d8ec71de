/**
 * An expected failure a person can act on (a conflict, a duplicate, a rule refused). Routes turn
 * it into a message on the page; anything else is a fault and reaches the error handler.
 */
export type ServiceErrorCode = 'not_found' | 'duplicate' | 'stale_version' | 'refused' | 'invalid'

export default class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ServiceError'
  }

  static is(error: unknown, code?: ServiceErrorCode): error is ServiceError {
    return error instanceof ServiceError && (code === undefined || error.code === code)
  }
}
