import { QueryTypes, Transaction, UniqueConstraintError } from 'sequelize'
import type { Config } from '../config'
import type { Database } from '../db'
import type { User } from '../db/models'
import type { AccountLinkPurpose } from '../db/models/AccountLink'
import type { Role } from '../domain/codes'
import paths from '../paths'
import { hashLinkToken, isWellFormedLinkToken, newLinkToken } from './agencyRequests/linkToken'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import type OutboxService from './mail/outboxService'
import type PasswordHasher from './passwordHasher'
import ServiceError from './serviceError'
import { isUuid } from './userService'

export type LinkProblem = 'malformed' | 'unknown' | 'used' | 'expired' | 'revoked'

export type UsableLink = { ok: true; user: User } | { ok: false; problem: LinkProblem }

const KIND = { invitation: 'account_invitation', password_reset: 'password_reset' } as const

/**
 * New accounts by invitation, and password resets by link: the administrator never types someone
 * else's password. Each link is 32 random bytes, stored as a SHA-256 hash, single-use, expiring and
 * revocable, sent through the outbox in the same transaction as the account or the request. Once
 * used, replaced or revoked, the link is removed from the message kept in the outbox.
 */
export default class AccountLinkService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly outboxService: OutboxService,
    private readonly passwordHasher: PasswordHasher,
    private readonly settings: Config['accountLinks'],
    private readonly baseUrl: string,
    private readonly serviceName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async invite(input: { name: string; email: string; roles: Role[] }, context: AuditContext): Promise<User> {
    let messageId = ''
    const user = await this.db.transaction(async transaction => {
      let created: User
      try {
        created = await this.db.models.User.create(
          { email: input.email.trim(), name: input.name.trim(), roles: input.roles, passwordHash: null },
          { transaction },
        )
      } catch (error) {
        if (error instanceof UniqueConstraintError) {
          throw new ServiceError('duplicate', 'An account with this email address already exists')
        }
        throw error
      }
      await this.auditService.record(
        context,
        { action: 'user_invited', entityType: 'user', entityId: created.id, details: { roles: created.roles } },
        transaction,
      )
      messageId = await this.issue(created, 'invitation', context, transaction)
      return created
    })
    await this.outboxService.deliver([messageId])
    return user
  }

  /** A new invitation link (the old one stops working), for someone who has not yet chosen a password. */
  async resendInvitation(userId: string, context: AuditContext): Promise<User> {
    let messageId = ''
    const user = await this.db.transaction(async transaction => {
      const account = await this.lockInvited(userId, transaction)
      messageId = await this.issue(account, 'invitation', context, transaction)
      await this.auditService.record(
        context,
        { action: 'invitation_resent', entityType: 'user', entityId: account.id },
        transaction,
      )
      return account
    })
    await this.outboxService.deliver([messageId])
    return user
  }

  async revokeInvitation(userId: string, context: AuditContext): Promise<User> {
    return this.db.transaction(async transaction => {
      const account = await this.lockInvited(userId, transaction)
      const revoked = await this.retire(account, 'invitation', transaction)
      if (revoked === 0) throw new ServiceError('refused', 'There is no invitation waiting to be used')
      await this.auditService.record(
        context,
        { action: 'invitation_revoked', entityType: 'user', entityId: account.id },
        transaction,
      )
      return account
    })
  }

  /** Sends the person a link to choose a new password; the current one keeps working until then. */
  async sendPasswordReset(userId: string, context: AuditContext): Promise<User> {
    let messageId = ''
    const user = await this.db.transaction(async transaction => {
      const account = isUuid(userId)
        ? await this.db.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE })
        : null
      if (!account) throw new ServiceError('not_found', 'Account not found')
      if (!account.active) throw new ServiceError('refused', 'Reactivate the account before sending a reset link')
      if (!account.passwordHash) {
        throw new ServiceError(
          'refused',
          'This person has not accepted their invitation yet: send the invitation again',
        )
      }
      messageId = await this.issue(account, 'password_reset', context, transaction)
      await this.auditService.record(
        context,
        { action: 'password_reset_link_sent', entityType: 'user', entityId: account.id },
        transaction,
      )
      return account
    })
    await this.outboxService.deliver([messageId])
    return user
  }

  /** What a link leads to, or why it cannot be used. */
  async check(token: string, purpose: AccountLinkPurpose, transaction?: Transaction): Promise<UsableLink> {
    if (!isWellFormedLinkToken(token)) return { ok: false, problem: 'malformed' }
    const link = await this.db.models.AccountLink.findOne({
      where: { tokenHash: hashLinkToken(token), purpose },
      transaction,
      ...(transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    })
    if (!link) return { ok: false, problem: 'unknown' }
    if (link.usedAt) return { ok: false, problem: 'used' }
    if (link.revokedAt) return { ok: false, problem: 'revoked' }
    if (link.expiresAt <= this.now()) return { ok: false, problem: 'expired' }
    const user = await this.db.models.User.findByPk(link.userId, { transaction })
    if (!user || !user.active) return { ok: false, problem: 'revoked' }
    if (purpose === 'invitation' && user.passwordHash) return { ok: false, problem: 'used' }
    return { ok: true, user }
  }

  /** The person chooses their password through the link; the link is then used up. */
  async complete(token: string, purpose: AccountLinkPurpose, password: string, context: AuditContext) {
    const passwordHash = await this.passwordHasher.hash(password)
    return this.db.transaction(async transaction => {
      const usable = await this.check(token, purpose, transaction)
      if (!usable.ok) throw new ServiceError('refused', 'This link cannot be used', { problem: usable.problem })
      const user = usable.user
      user.passwordHash = passwordHash
      await user.save({ transaction })
      await this.db.models.AccountLink.update(
        { usedAt: this.now() },
        { where: { tokenHash: hashLinkToken(token) }, transaction },
      )
      await this.retire(user, purpose, transaction)
      await this.auditService.record(
        { ...context, actorUserId: user.id },
        {
          action: purpose === 'invitation' ? 'invitation_accepted' : 'password_reset_completed',
          entityType: 'user',
          entityId: user.id,
        },
        transaction,
      )
      return user
    })
  }

  /** Whether each account is waiting for its invitation to be taken up, for the account pages. */
  async openInvitation(userId: string): Promise<{ expiresAt: Date } | null> {
    const link = await this.db.models.AccountLink.findOne({
      where: { userId, purpose: 'invitation', usedAt: null, revokedAt: null },
    })
    return link ? { expiresAt: link.expiresAt } : null
  }

  private async lockInvited(userId: string, transaction: Transaction): Promise<User> {
    const account = isUuid(userId)
      ? await this.db.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE })
      : null
    if (!account) throw new ServiceError('not_found', 'Account not found')
    if (account.passwordHash) throw new ServiceError('refused', 'This person has already accepted their invitation')
    if (!account.active) throw new ServiceError('refused', 'Reactivate the account before inviting them again')
    return account
  }

  /** Revokes any open link of this purpose and queues a message with a new one, in the caller's transaction. */
  private async issue(user: User, purpose: AccountLinkPurpose, context: AuditContext, transaction: Transaction) {
    await this.retire(user, purpose, transaction)
    const token = newLinkToken()
    const hours = purpose === 'invitation' ? this.settings.invitationDays * 24 : this.settings.passwordResetHours
    const expiresAt = new Date(this.now().getTime() + hours * 3_600_000)
    await this.db.models.AccountLink.create(
      { userId: user.id, purpose, tokenHash: hashLinkToken(token), expiresAt, createdBy: context.actorUserId },
      { transaction },
    )
    const link = `${this.baseUrl}${purpose === 'invitation' ? paths.invitation(token) : paths.passwordReset(token)}`
    const until = expiresAt.toLocaleString('en-GB', {
      timeZone: 'Europe/London',
      dateStyle: 'long',
      timeStyle: 'short',
    })
    const text =
      purpose === 'invitation'
        ? `Hello ${user.name},\n\nYou have been given an account on the ${this.serviceName}.\n\n` +
          `Choose your password here:\n${link}\n\nThe link works once, until ${until}. If it has run out, ask your ` +
          `administrator to send a new one.\n`
        : `Hello ${user.name},\n\nYour administrator has sent you a link to choose a new password for the ` +
          `${this.serviceName}:\n${link}\n\nThe link works once, until ${until}. Your current password keeps ` +
          `working until you choose a new one. If you did not ask for this, tell your administrator.\n`
    return this.outboxService.queue(
      {
        kind: KIND[purpose],
        to: user.email,
        subject: purpose === 'invitation' ? `Your account on the ${this.serviceName}` : 'Choose a new password',
        text,
      },
      transaction,
    )
  }

  /** Revokes open links and removes every link of this purpose from the person's messages still kept. */
  private async retire(user: User, purpose: AccountLinkPurpose, transaction: Transaction): Promise<number> {
    const [revoked] = await this.db.models.AccountLink.update(
      { revokedAt: this.now() },
      { where: { userId: user.id, purpose, usedAt: null, revokedAt: null }, transaction },
    )
    await this.db.sequelize.query(
      `UPDATE outbox_messages
          SET body_text = regexp_replace(body_text, '/(invitation|reset-password)/[A-Za-z0-9_-]{20,}', '/\\1/[link removed]', 'g')
        WHERE kind = :kind AND lower(to_address) = lower(:email) AND body_text ~ '/(invitation|reset-password)/[A-Za-z0-9_-]{20,}'`,
      { replacements: { kind: KIND[purpose], email: user.email }, transaction, type: QueryTypes.UPDATE },
    )
    return revoked
  }
}
