import { createServices } from '../../services'
import type { Command } from '../command'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const jobsRunReminders: Command = {
  name: 'jobs:run-reminders',
  summary: 'Send the agency reminders that are due, and any emails waiting to be sent or retried',
  usage: `npm run cdop -- jobs:run-reminders

Does at once what each running instance does every few minutes: reminds agencies of requests due
soon or overdue (at most once for each), then delivers the emails that are due. Safe to run while
the service runs, and from a scheduler such as cron.`,

  async run(_args, { io, config, openDatabase }) {
    const opened = await openDatabase()
    try {
      const { reminderJob, outboxService } = createServices(opened.db, config)
      const reminders = await reminderJob.run()
      if (!reminders.ran)
        io.stderr.write('Reminders are being sent by another instance right now; none sent here. Run it again later.\n')
      else
        io.stdout.write(
          `Sent ${plural(reminders.beforeDue, 'reminder')} before the due date and ${plural(reminders.overdue, 'overdue reminder')}.\n`,
        )
      const delivery = await outboxService.deliver()
      const waiting = delivery.retrying + delivery.failed
      if (!outboxService.delivers)
        io.stdout.write(
          `Emails: no mail server is set up (SMTP_URL); ${plural(delivery.stored, 'message')} stored in the outbox.\n`,
        )
      else if (waiting)
        io.stderr.write(
          `Emails: ${delivery.sent} sent, ${waiting} could not be sent (see the outbox for the reason of each).\n`,
        )
      else io.stdout.write(`Emails: ${delivery.sent} sent.\n`)
      // Non-zero when part of what was asked was not done, so a scheduler notices.
      return reminders.ran && !(outboxService.delivers && waiting) ? 0 : 1
    } finally {
      await opened.close()
    }
  },
}

export default jobsRunReminders
