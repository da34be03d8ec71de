import type { TestApp } from './testApp'

/** The path of the newest invitation or reset link e-mailed to `email` (kept in the outbox in tests). */
export async function linkSentTo(t: TestApp, email: string, kind: 'invitation' | 'reset-password'): Promise<string> {
  const messages = await t.db.models.OutboxMessage.findAll({
    where: { toAddress: email, kind: kind === 'invitation' ? 'account_invitation' : 'password_reset' },
    order: [['createdAt', 'DESC']],
  })
  for (const message of messages) {
    const match = new RegExp(`/${kind}/[A-Za-z0-9_-]{43}`).exec(message.bodyText)
    if (match) return match[0]
  }
  throw new Error(`No ${kind} link in the outbox for ${email}`)
}
