import crypto from 'node:crypto'
import { Op } from 'sequelize'
import type { Database } from '../db'
import type { AuditContext } from './auditContext'
import type UserService from './userService'
import ServiceError from './serviceError'

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

// Any constant will do: it serialises two people finishing setup at the same moment.
const SETUP_LOCK_KEY = 726_001

/**
 * First run: while no account exists, a one-time link lets someone create the first administrator.
 * Only the token's hash is stored; the link stops working once any account exists.
 */
export default class SetupService {
  constructor(
    private readonly db: Database,
    private readonly userService: UserService,
    private readonly linkHours: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns a fresh setup token when the service has no accounts yet, otherwise null. */
  async createSetupTokenIfNoUsers(): Promise<string | null> {
    if ((await this.userService.count()) > 0) return null
    const token = crypto.randomBytes(32).toString('base64url')
    await this.db.models.SetupToken.create({
      tokenHash: hashToken(token),
      expiresAt: new Date(this.now().getTime() + this.linkHours * 3_600_000),
    })
    return token
  }

  async isUsable(token: string): Promise<boolean> {
    if (!/^[\w-]{20,100}$/.test(token)) return false
    if ((await this.userService.count()) > 0) return false
    const row = await this.db.models.SetupToken.findOne({
      where: { tokenHash: hashToken(token), expiresAt: { [Op.gt]: this.now() } },
    })
    return row !== null
  }

  async createFirstAdministrator(
    token: string,
    input: { email: string; name: string; password: string },
    context: AuditContext,
  ): Promise<string> {
    return this.db.transaction(async transaction => {
      await this.db.sequelize.query('SELECT pg_advisory_xact_lock(:key)', {
        replacements: { key: SETUP_LOCK_KEY },
        transaction,
      })
      const valid = await this.db.models.SetupToken.findOne({
        where: { tokenHash: hashToken(token), expiresAt: { [Op.gt]: this.now() } },
        transaction,
      })
      if (!valid || (await this.db.models.User.count({ transaction })) > 0) {
        throw new ServiceError('refused', 'This setup link has already been used or has expired')
      }
      const user = await this.userService.create({ ...input, roles: ['admin'] }, context, {
        transaction,
        action: 'first_admin_created',
      })
      await this.db.models.SetupToken.destroy({ where: {}, transaction })
      return user.id
    })
  }
}
