import { Op, Transaction, UniqueConstraintError } from 'sequelize'
import type { Database } from '../db'
import type { User } from '../db/models'
import type { Role } from '../domain/codes'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import type PasswordHasher from './passwordHasher'
import ServiceError from './serviceError'
import { isUuid } from '../domain/ids'

export interface NewUser {
  email: string
  name: string
  roles: Role[]
  password: string
}

export interface UserChanges {
  name: string
  roles: Role[]
  /** The version the editor loaded; a different current version means someone else saved first. */
  version: number
}

/** Kept here for the services that import it from the user service; the rule lives in domain/ids. */
export { isUuid }

export default class UserService {
  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly passwordHasher: PasswordHasher,
  ) {}

  count(): Promise<number> {
    return this.db.models.User.count()
  }

  list(): Promise<User[]> {
    return this.db.models.User.findAll({
      order: [
        ['active', 'DESC'],
        ['name', 'ASC'],
      ],
    })
  }

  listByRole(role: Role): Promise<User[]> {
    return this.db.models.User.findAll({ where: { roles: { [Op.contains]: [role] } }, order: [['name', 'ASC']] })
  }

  async findById(id: string): Promise<User | null> {
    return isUuid(id) ? this.db.models.User.findByPk(id) : null
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db.models.User.findOne({
      where: this.db.sequelize.where(
        this.db.sequelize.fn('lower', this.db.sequelize.col('email')),
        email.toLowerCase(),
      ),
    })
  }

  async create(
    input: NewUser,
    context: AuditContext,
    options: { transaction?: Transaction; action?: 'user_created' | 'first_admin_created' } = {},
  ): Promise<User> {
    const passwordHash = await this.passwordHasher.hash(input.password)
    const work = async (transaction: Transaction) => {
      try {
        const user = await this.db.models.User.create(
          { email: input.email.trim(), name: input.name.trim(), roles: input.roles, passwordHash },
          { transaction },
        )
        await this.auditService.record(
          context,
          {
            action: options.action ?? 'user_created',
            entityType: 'user',
            entityId: user.id,
            details: { roles: user.roles },
          },
          transaction,
        )
        return user
      } catch (error) {
        if (error instanceof UniqueConstraintError) {
          throw new ServiceError('duplicate', 'An account with this email address already exists')
        }
        throw error
      }
    }
    return options.transaction ? work(options.transaction) : this.db.transaction(work)
  }

  async update(id: string, changes: UserChanges, context: AuditContext): Promise<User> {
    return this.db.transaction(async transaction => {
      const user = await this.lockForChange(id, changes.version, transaction)
      if (id === context.actorUserId && user.roles.includes('admin') && !changes.roles.includes('admin')) {
        throw new ServiceError('refused', 'You cannot remove your own administrator role')
      }
      const before = { name: user.name, roles: user.roles }
      user.name = changes.name.trim()
      user.roles = changes.roles
      await user.save({ transaction })
      await this.auditService.record(
        context,
        {
          action: 'user_updated',
          entityType: 'user',
          entityId: id,
          details: { before, after: { name: user.name, roles: user.roles } },
        },
        transaction,
      )
      return user
    })
  }

  async setActive(id: string, active: boolean, version: number, context: AuditContext): Promise<User> {
    return this.db.transaction(async transaction => {
      const user = await this.lockForChange(id, version, transaction)
      if (!active && id === context.actorUserId) {
        throw new ServiceError('refused', 'You cannot deactivate your own account')
      }
      if (user.active === active) return user
      user.active = active
      await user.save({ transaction })
      await this.auditService.record(
        context,
        { action: active ? 'user_reactivated' : 'user_deactivated', entityType: 'user', entityId: id },
        transaction,
      )
      return user
    })
  }

  /**
   * An administrator sets a new password for someone who forgot theirs or is locked out. Earlier
   * failed sign-ins stop counting towards the lockout (see SignInService).
   */
  async setPassword(id: string, password: string, version: number, context: AuditContext): Promise<User> {
    const passwordHash = await this.passwordHasher.hash(password)
    return this.db.transaction(async transaction => {
      const user = await this.lockForChange(id, version, transaction)
      user.passwordHash = passwordHash
      await user.save({ transaction })
      await this.auditService.record(
        context,
        { action: 'user_password_set', entityType: 'user', entityId: id },
        transaction,
      )
      return user
    })
  }

  async recordSignIn(user: User, transaction?: Transaction): Promise<void> {
    // A plain update: signing in must not bump the version an administrator may be editing.
    await this.db.models.User.update(
      { lastSignedInAt: new Date() },
      { where: { id: user.id }, transaction, silent: true },
    )
  }

  private async lockForChange(id: string, version: number, transaction: Transaction): Promise<User> {
    const user = isUuid(id)
      ? await this.db.models.User.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE })
      : null
    if (!user) throw new ServiceError('not_found', 'Account not found')
    if (user.version !== version) {
      throw new ServiceError('stale_version', 'Someone else changed this account while you were editing it', {
        current: { name: user.name, roles: user.roles, active: user.active, version: user.version },
      })
    }
    return user
  }
}
