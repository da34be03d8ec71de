import type * as Nodemailer from 'nodemailer'
import type { Config } from '../../config'
import { nodemailer } from '../loadedOnFirstUse'

export interface OutgoingMail {
  to: string
  subject: string
  text: string
}

/** Something that hands a message to a mail server, throwing if it was not accepted. */
export interface MailTransport {
  send(message: OutgoingMail): Promise<void>
}

// Bounded waits: delivery runs after a page's transaction commits, so a dead server must not hang it.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }

/** Any nodemailer transport (SMTP in production; tests may pass a JSON or failing one). */
export class NodemailerTransport implements MailTransport {
  private readonly mailer: Nodemailer.Transporter

  constructor(transport: Parameters<typeof Nodemailer.createTransport>[0], from: string) {
    this.mailer = nodemailer().createTransport(transport, { from })
  }

  async send(message: OutgoingMail): Promise<void> {
    await this.mailer.sendMail({ to: message.to, subject: message.subject, text: message.text })
  }
}

/** SMTP when SMTP_URL is set; otherwise none, and messages stay in the outbox to be read in the service. */
export function createMailTransport(mail: Config['mail']): MailTransport | null {
  if (!mail.smtpUrl) return null
  const url = new URL(mail.smtpUrl)
  return new NodemailerTransport(
    {
      host: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      ...TIMEOUTS,
    },
    mail.from,
  )
}
