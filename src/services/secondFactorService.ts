import crypto from 'node:crypto'
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node'
import { verifySync } from '@otplib/totp'
import { generateTOTP } from '@otplib/uri'
import { QueryTypes, Transaction } from 'sequelize'
import type { Config } from '../config'
import type { Database } from '../db'
import type { User } from '../db/models'
import { base32Decode, base32Encode } from '../domain/base32'
import { hashRecoveryCode, newRecoveryCodes, SecondFactorInput } from '../domain/secondFactor'
import type { AuditContext } from './auditContext'
import type AuditService from './auditService'
import { qrcode } from './loadedOnFirstUse'
import ServiceError from './serviceError'
import { isUuid } from './userService'

/** A code from the step before or after the current one is accepted, for clocks a little out. */
const TOLERANCE_SECONDS = 30
const CIPHER = 'aes-256-gcm'
/** 20 random bytes (160 bits), as RFC 4226 recommends for SHA-1. */
const SECRET_BYTES = 20
const plugins = {
  crypto: new NodeCryptoPlugin(),
  base32: { name: 'rfc4648', encode: base32Encode, decode: base32Decode },
}

export interface Enrolment {
  /** The new secret, encrypted: kept in the session until the person proves their app has it. */
  encryptedSecret: string
  secret: string
  qrSvg: string
}

/**
 * Time-based one-time passwords (RFC 6238, otplib) and recovery codes. The secret is stored
 * encrypted with AES-256-GCM under MFA_ENCRYPTION_KEY, so a copy of the database alone (a backup,
 * a read replica) does not give anyone the codes. A code is accepted once: the time step of the
 * last accepted code is kept and only a later one passes, checked and moved in one UPDATE.
 */
export default class SecondFactorService {
  private readonly key: Buffer

  constructor(
    private readonly db: Database,
    private readonly auditService: AuditService,
    private readonly settings: Config['mfa'],
    private readonly issuer: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = crypto.createHash('sha256').update(`mfa\n${settings.encryptionKey}`).digest()
  }

  get required(): boolean {
    return this.settings.required
  }

  isEnrolled(user: Pick<User, 'mfaEnrolledAt'>): boolean {
    return user.mfaEnrolledAt !== null && user.mfaEnrolledAt !== undefined
  }

  /** A fresh secret with its QR code (SVG drawn here, no outside service) for the person's app. */
  async startEnrolment(user: Pick<User, 'email'>): Promise<Enrolment> {
    const secret = base32Encode(crypto.randomBytes(SECRET_BYTES))
    return { secret, encryptedSecret: this.encrypt(secret), qrSvg: await this.qrCode(user, secret) }
  }

  /** The same secret again (the page is shown again after a mistyped code). */
  async resumeEnrolment(user: Pick<User, 'email'>, encryptedSecret: string): Promise<Enrolment | null> {
    const secret = this.decrypt(encryptedSecret)
    return secret ? { secret, encryptedSecret, qrSvg: await this.qrCode(user, secret) } : null
  }

  /**
   * Keeps the secret once the person has typed a code from it, and gives them ten recovery codes,
   * returned this once and stored only as hashes. Returns null when the code is wrong.
   */
  async completeEnrolment(
    userId: string,
    encryptedSecret: string,
    code: string,
    context: AuditContext,
  ): Promise<string[] | null> {
    const secret = this.decrypt(encryptedSecret)
    if (!secret || !/^\d{6}$/.test(code)) return null
    const step = this.check(secret, code, null)
    if (step === null) return null
    const codes = newRecoveryCodes()
    await this.db.transaction(async transaction => {
      const user = isUuid(userId)
        ? await this.db.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE })
        : null
      if (!user || !user.active) throw new ServiceError('not_found', 'Account not found')
      // A plain update: setting up a second factor must not bump the version an administrator may be editing.
      await this.db.models.User.update(
        { mfaSecretEncrypted: encryptedSecret, mfaEnrolledAt: this.now(), mfaLastTimeStep: String(step) },
        { where: { id: userId }, transaction, silent: true },
      )
      await this.replaceRecoveryCodes(userId, codes, transaction)
      await this.auditService.record(
        { ...context, actorUserId: userId },
        { action: 'second_factor_enrolled', entityType: 'user', entityId: userId },
        transaction,
      )
    })
    return codes
  }

  /** Checks a code or a recovery code; each is accepted once. */
  async verify(user: User, input: SecondFactorInput, context: AuditContext): Promise<boolean> {
    if (!user.mfaSecretEncrypted) return false
    if (input.kind === 'recovery') {
      const used = await this.db.sequelize.query<{ id: string }>(
        `UPDATE recovery_codes SET used_at = :now
          WHERE user_id = :userId AND code_hash = :hash AND used_at IS NULL
          RETURNING id`,
        {
          replacements: { now: this.now(), userId: user.id, hash: hashRecoveryCode(input.code) },
          type: QueryTypes.SELECT,
        },
      )
      if (used.length === 0) return false
      await this.auditService.record(
        { ...context, actorUserId: user.id },
        {
          action: 'recovery_code_used',
          entityType: 'user',
          entityId: user.id,
          details: { remaining: await this.remainingRecoveryCodes(user.id) },
        },
      )
      return true
    }
    const secret = this.decrypt(user.mfaSecretEncrypted)
    if (!secret) return false
    const step = this.check(secret, input.code, user.mfaLastTimeStep === null ? null : Number(user.mfaLastTimeStep))
    if (step === null) return false
    // Two requests with the same code at once: only one moves the time step on.
    const [, affected] = await this.db.sequelize.query(
      `UPDATE users SET mfa_last_time_step = :step
        WHERE id = :userId AND (mfa_last_time_step IS NULL OR mfa_last_time_step < :step)`,
      { replacements: { step, userId: user.id }, type: QueryTypes.UPDATE },
    )
    return affected === 1
  }

  remainingRecoveryCodes(userId: string): Promise<number> {
    return this.db.models.RecoveryCode.count({ where: { userId, usedAt: null } })
  }

  /** An administrator removes a person's second factor (a lost phone); they set up a new one at their next sign-in. */
  async reset(userId: string, version: number, context: AuditContext): Promise<User> {
    return this.db.transaction(async transaction => {
      const user = isUuid(userId)
        ? await this.db.models.User.findByPk(userId, { transaction, lock: transaction.LOCK.UPDATE })
        : null
      if (!user) throw new ServiceError('not_found', 'Account not found')
      if (user.version !== version) {
        throw new ServiceError('stale_version', 'Someone else changed this account while you were looking at it')
      }
      if (!this.isEnrolled(user)) throw new ServiceError('refused', 'This person has not set up a second factor')
      user.mfaSecretEncrypted = null
      user.mfaEnrolledAt = null
      user.mfaLastTimeStep = null
      await user.save({ transaction })
      await this.db.models.RecoveryCode.destroy({ where: { userId }, transaction })
      await this.auditService.record(
        context,
        { action: 'second_factor_reset', entityType: 'user', entityId: userId },
        transaction,
      )
      return user
    })
  }

  encrypt(secret: string): string {
    const iv = crypto.randomBytes(12)
    const cipher = crypto.createCipheriv(CIPHER, this.key, iv)
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
      '.',
    )
  }

  /** Null for anything not encrypted under this key (tampered, or another key). */
  decrypt(encrypted: string): string | null {
    const [version, iv, tag, body] = encrypted.split('.')
    if (version !== 'v1' || !iv || !tag || !body) return null
    try {
      const decipher = crypto.createDecipheriv(CIPHER, this.key, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    } catch {
      return null
    }
  }

  /** The time step of a valid code (later than `after` when given), or null. */
  private check(secret: string, code: string, after: number | null): number | null {
    const result = verifySync({
      ...plugins,
      secret,
      token: code,
      epoch: Math.floor(this.now().getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(after !== null ? { afterTimeStep: after } : {}),
    })
    return result.valid && 'timeStep' in result ? result.timeStep : null
  }

  private qrCode(user: Pick<User, 'email'>, secret: string): Promise<string> {
    const uri = generateTOTP({ issuer: this.issuer, label: user.email, secret })
    return qrcode().toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  }

  private async replaceRecoveryCodes(userId: string, codes: string[], transaction: Transaction): Promise<void> {
    await this.db.models.RecoveryCode.destroy({ where: { userId }, transaction })
    await this.db.models.RecoveryCode.bulkCreate(
      codes.map(code => ({ userId, codeHash: hashRecoveryCode(code) })),
      { transaction },
    )
  }
}
