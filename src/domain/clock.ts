/** Where the services read the time when they decide a date (due, overdue, expired, today). */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock stopped at one moment, for tests and for replaying a day. */
export const fixedClock = (at: Date | string): Clock => {
  const moment = new Date(at)
  return { now: () => new Date(moment) }
}
