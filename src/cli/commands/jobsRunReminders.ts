import { createServices } from '../../services'
import { CONSECUTIVE_FAILURES_TO_STOP } from '../../services/mail/outboxService'
import type { Command } from '../command'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const jobsRunReminders: Command = {
  name: 'jobs:run-reminders',
  summary: 'Send the agency reminders that are due, and every email waiting to be sent, now',
  usage: `npm run cdop -- jobs:run-reminders

Reminds agencies of requests due soon or overdue (at most once for each), then sends every email
waiting to be sent or retried, now, without waiting for its next retry time: run it when the mail
server is back. (Each running instance does the same every few minutes, but keeps to the retry
times.) Emails that gave up after their last attempt are left for someone to try again from the
Outbox. Safe to run while the service runs, and from a scheduler such as cron.`,

  async run(_args, { io, config, openDatabase }) {
    const opened = await openDatabase()
    try {
      const { reminderJob, outboxService } = createServices(opened.db, config)
      const reminders = await reminderJob.run()
      if (!reminders.ran)
        io.stderr.write('Reminders are being sent by another instance right now; none sent here. Run it again later.\n')
      else
        io.stdout.write(
          `Sent ${plural(reminders.beforeDue, 'reminder')} before the due date and ${plural(reminders.overdue, 'overdue reminder')}; escalated ${plural(reminders.escalated, 'overdue report')} to the agency's lead.\n`,
        )
      const delivery = await outboxService.deliverAllNow()
      const waiting = delivery.retrying + delivery.failed
      io.stdout.write(
        outboxService.delivers
          ? `Emails: ${delivery.sent} sent, ${waiting} could not be sent (see the outbox).\n`
          : `Emails: no mail server is set up (SMTP_URL); ${plural(delivery.stored, 'message')} stored in the outbox.\n`,
      )
      if (outboxService.delivers && waiting)
        io.stderr.write(
          `Emails: ${delivery.sent} sent, ${waiting} could not be sent (see the outbox for the reason of each).\n`,
        )
      if (delivery.untried)
        io.stdout.write(
          `The mail server failed ${CONSECUTIVE_FAILURES_TO_STOP} times in a row, so ${plural(delivery.untried, 'more email')} ${delivery.untried === 1 ? 'was' : 'were'} not tried: run this again when it is back.\n`,
        )
      if (delivery.gaveUpEarlier)
        io.stdout.write(
          `${plural(delivery.gaveUpEarlier, 'email')} gave up earlier and ${delivery.gaveUpEarlier === 1 ? 'waits' : 'wait'} for someone to try again from the Outbox.\n`,
        )
      // Non-zero when part of what was asked was not done, so a scheduler notices.
      return reminders.ran && !(outboxService.delivers && (waiting || delivery.untried)) ? 0 : 1
    } finally {
      await opened.close()
    }
  },
}

export default jobsRunReminders
