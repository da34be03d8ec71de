import path from 'node:path'
import { z } from 'zod'

/** The project root, from both src/ (tsx, ts-jest) and dist/ (compiled). */
export const rootDir = path.resolve(__dirname, '..')

const DEV_SESSION_SECRET = 'development-only-secret-do-not-use-in-production'

// Encrypts second-factor secrets outside production only; production refuses to start without its own key.
const DEV_MFA_KEY = 'development-only-mfa-key-do-not-use-in-production'

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform(v => v === 'true' || v === '1' || v === 'yes')

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: z.url().optional(),
    DATABASE_URL: z.string().min(1).optional(),
    MIGRATION_DATABASE_URL: z.string().min(1).optional(),
    DATABASE_POOL_MAX: positiveInt(10),
    DATABASE_SSL: bool.default(false),
    EMBEDDED_PG_DIR: z.string().default(path.join(rootDir, '.data', 'postgres')),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54320),
    SESSION_SECRET: z.string().optional(),
    SESSION_IDLE_MINUTES: positiveInt(30),
    SESSION_COOKIE_NAME: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('cdop.session'),
    TRUST_PROXY: z.string().default('loopback'),
    VIEW_CACHE: bool.default(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    SIGN_IN_MAX_FAILURES: positiveInt(5),
    SIGN_IN_LOCK_MINUTES: positiveInt(15),
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: positiveInt(30),
    SETUP_LINK_HOURS: positiveInt(24),
    SIGN_IN_ACCOUNT_SLOW_AFTER: positiveInt(10),
    SIGN_IN_ACCOUNT_MAX_DELAY_SECONDS: positiveInt(120),
    SIGN_IN_PAGES_MAX_REQUESTS_PER_MINUTE: positiveInt(60),
    REQUIRE_MFA: bool.optional(),
    MFA_ENCRYPTION_KEY: z.string().optional(),
    INVITATION_LINK_DAYS: positiveInt(7),
    PASSWORD_RESET_LINK_HOURS: positiveInt(24),
    SUPPRESS_MAX: positiveInt(5),
    PANEL_NAME: z.string().trim().min(1).max(200).default('Child Death Overview Panel'),
    REQUEST_DUE_DAYS: positiveInt(28),
    AGENCY_LINK_EXPIRY_DAYS: positiveInt(60),
    AGENCY_LINK_MAX_REQUESTS_PER_MINUTE: positiveInt(30),
    REMINDER_DAYS_BEFORE_DUE: positiveInt(7),
    ESCALATION_DAYS_AFTER_OVERDUE: positiveInt(7),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default('Child death review service <no-reply@localhost>'),
    SHUTDOWN_TIMEOUT_SECONDS: positiveInt(10),
  })
  .superRefine((env, ctx) => {
    if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['MIGRATION_DATABASE_URL'],
        message: 'needs DATABASE_URL too (the role the app serves requests as)',
      })
    }
    if (env.NODE_ENV !== 'production') return
    if (!env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required in production' })
    }
    const secret = env.SESSION_SECRET ?? ''
    // 32 characters of real entropy; refuse the development default and obvious placeholders.
    if (secret.length < 32 || secret === DEV_SESSION_SECRET || new Set(secret).size < 10) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'must be a random string of at least 32 characters in production',
      })
    }
    const mfaKey = env.MFA_ENCRYPTION_KEY ?? ''
    if (mfaKey.length < 32 || mfaKey === DEV_MFA_KEY || new Set(mfaKey).size < 10) {
      ctx.addIssue({
        code: 'custom',
        path: ['MFA_ENCRYPTION_KEY'],
        message: 'must be a random string of at least 32 characters in production',
      })
    }
  })

export type Env = Record<string, string | undefined>

/** Parses and validates the environment once; throws one error listing every problem. */
export function loadConfig(env: Env) {
  // Treat empty strings as unset, as .env files often leave `NAME=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    const problems = result.error.issues.map(i => `  - ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Invalid configuration:\n${problems}`)
  }
  const e = result.data
  const production = e.NODE_ENV === 'production'
  const trustProxy = /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY
  return Object.freeze({
    env: e.NODE_ENV,
    production,
    test: e.NODE_ENV === 'test',
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    trustProxy: trustProxy === 'true' ? true : trustProxy,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    /** Compiled templates kept in memory; off only for `npm run dev`, so edits to views show at once. */
    viewCache: e.VIEW_CACHE,
    db: Object.freeze({
      url: e.DATABASE_URL,
      /** The owner role: migrations, grants, command-line tasks. The app's own role when unset. */
      migrationUrl: e.MIGRATION_DATABASE_URL ?? e.DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      ssl: e.DATABASE_SSL,
      embeddedDir: path.resolve(e.EMBEDDED_PG_DIR),
      embeddedPort: e.EMBEDDED_PG_PORT,
    }),
    session: Object.freeze({
      secret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      cookieName: e.SESSION_COOKIE_NAME,
    }),
    signIn: Object.freeze({
      maxFailures: e.SIGN_IN_MAX_FAILURES,
      lockMinutes: e.SIGN_IN_LOCK_MINUTES,
      maxFailuresPerAddress: e.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      accountSlowAfter: e.SIGN_IN_ACCOUNT_SLOW_AFTER,
      accountMaxDelaySeconds: e.SIGN_IN_ACCOUNT_MAX_DELAY_SECONDS,
      pagesMaxRequestsPerMinute: e.SIGN_IN_PAGES_MAX_REQUESTS_PER_MINUTE,
    }),
    mfa: Object.freeze({
      required: e.REQUIRE_MFA ?? production,
      encryptionKey: e.MFA_ENCRYPTION_KEY ?? DEV_MFA_KEY,
    }),
    accountLinks: Object.freeze({
      invitationDays: e.INVITATION_LINK_DAYS,
      passwordResetHours: e.PASSWORD_RESET_LINK_HOURS,
    }),
    setupLinkHours: e.SETUP_LINK_HOURS,
    statistics: Object.freeze({ suppressMax: e.SUPPRESS_MAX }),
    /** The annual report's title page and headers. */
    annualReport: Object.freeze({ panelName: e.PANEL_NAME }),
    agencyRequests: Object.freeze({
      dueDays: e.REQUEST_DUE_DAYS,
      linkExpiryDays: e.AGENCY_LINK_EXPIRY_DAYS,
      linkMaxRequestsPerMinute: e.AGENCY_LINK_MAX_REQUESTS_PER_MINUTE,
      reminderDaysBeforeDue: e.REMINDER_DAYS_BEFORE_DUE,
      escalationDaysAfterOverdue: e.ESCALATION_DAYS_AFTER_OVERDUE,
    }),
    mail: Object.freeze({ smtpUrl: e.SMTP_URL, from: e.MAIL_FROM }),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  })
}

export type Config = ReturnType<typeof loadConfig>

const config: Config = loadConfig(process.env)
export default config
