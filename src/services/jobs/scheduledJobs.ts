import { isDatabaseUnavailable } from '../../db/databaseUnavailable'
import { logDatabaseUnavailable } from '../../db/unavailableLog'
import logger from '../../logger'
import type RateLimiter from '../agencyRequests/rateLimiter'
import type OutboxService from '../mail/outboxService'
import type ReminderJob from './reminderJob'

/** How often each instance runs the jobs. Every run is safe to overlap with another instance's. */
export const JOB_INTERVAL_MS = 5 * 60_000
// A little after start, so a fresh instance is serving pages before it does background work.
const FIRST_RUN_DELAY_MS = 15_000

/**
 * The background work of an instance: reminders, e-mails that are due (new ones whose page did not
 * deliver them, and retries) and pruning the rate-limit counters. Nothing is kept in the process:
 * any instance may run it, and PostgreSQL decides who does what.
 */
export default class ScheduledJobs {
  private timers: NodeJS.Timeout[] = []
  private running = false

  constructor(
    private readonly reminderJob: ReminderJob,
    private readonly outbox: OutboxService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async runOnce() {
    const reminders = await this.reminderJob.run()
    const delivery = await this.outbox.deliver()
    await this.rateLimiter.prune()
    return { reminders, delivery }
  }

  /** Starts the timer; it does not keep the process alive on its own. */
  start(intervalMs = JOB_INTERVAL_MS): void {
    if (this.timers.length) return
    const tick = () => {
      // A slow run (a mail server timing out) is not overlapped by the next tick of this instance.
      if (this.running) return
      this.running = true
      this.runOnce()
        .then(result => logger.info({ reminders: result.reminders, delivery: result.delivery }, 'scheduled jobs ran'))
        .catch(error =>
          isDatabaseUnavailable(error)
            ? logDatabaseUnavailable(error)
            : logger.error({ err: error }, 'scheduled jobs failed'),
        )
        .finally(() => {
          this.running = false
        })
    }
    this.timers.push(setTimeout(tick, FIRST_RUN_DELAY_MS).unref(), setInterval(tick, intervalMs).unref())
  }

  stop(): void {
    this.timers.forEach(timer => clearTimeout(timer))
    this.timers = []
  }
}
