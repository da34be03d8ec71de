import { loadConfig } from '../../../src/config'

const STRONG = 'b7Xq9!vR2mL#p4Tz8KcW1nYs6Hd3Jf0Ga5Ue'

describe('configuration', () => {
  it('runs migrations as the owner role, which defaults to the app role, and needs DATABASE_URL with it', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@h/d' }).db.migrationUrl).toBe('postgres://app@h/d')
    const two = loadConfig({ DATABASE_URL: 'postgres://app@h/d', MIGRATION_DATABASE_URL: 'postgres://owner@h/d' })
    expect(two.db).toMatchObject({ url: 'postgres://app@h/d', migrationUrl: 'postgres://owner@h/d' })
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@h/d' })).toThrow(
      /MIGRATION_DATABASE_URL: needs DATABASE_URL too/,
    )
  })

  it('starts in development with no configuration at all, using the embedded database', () => {
    const config = loadConfig({})
    expect(config.env).toBe('development')
    expect(config.port).toBe(3000)
    expect(config.db.url).toBeUndefined()
    expect(config.db.embeddedDir).toMatch(/\.data[/\\]postgres$/)
    expect(config.session.idleMinutes).toBe(30)
    expect(config.baseUrl).toBe('http://localhost:3000')
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('refuses to start in production without DATABASE_URL and a strong SESSION_SECRET, naming each problem', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL: is required in production[\s\S]*SESSION_SECRET/,
    )
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', SESSION_SECRET: 'short' }),
    ).toThrow(/SESSION_SECRET/)
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', SESSION_SECRET: 'a'.repeat(40) }),
    ).toThrow(/SESSION_SECRET/)
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://x/y',
        SESSION_SECRET: 'development-only-secret-do-not-use-in-production',
      }),
    ).toThrow(/SESSION_SECRET/)
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', SESSION_SECRET: STRONG }),
    ).toThrow(/MFA_ENCRYPTION_KEY/)
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x/y',
      SESSION_SECRET: STRONG,
      MFA_ENCRYPTION_KEY: `${STRONG}mfa`,
    })
    expect(config.production).toBe(true)
    expect(config.mfa.required).toBe(true)
    expect(loadConfig({}).mfa.required).toBe(false)
    expect(loadConfig({ REQUIRE_MFA: 'true' }).mfa.required).toBe(true)
  })

  it('rejects malformed values with a message rather than running with a surprise', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/)
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/)
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/)
    expect(() => loadConfig({ BASE_URL: 'not a url' })).toThrow(/BASE_URL/)
    expect(() => loadConfig({ DATABASE_SSL: 'maybe' })).toThrow(/DATABASE_SSL/)
  })

  it('treats empty values as unset and parses numbers and booleans', () => {
    const config = loadConfig({
      PORT: '',
      SESSION_IDLE_MINUTES: '15',
      DATABASE_SSL: 'true',
      TRUST_PROXY: '2',
      SUPPRESS_MAX: '3',
    })
    expect(config.port).toBe(3000)
    expect(config.session.idleMinutes).toBe(15)
    expect(config.db.ssl).toBe(true)
    expect(config.trustProxy).toBe(2)
    expect(config.statistics.suppressMax).toBe(3)
  })

  it('is silent in tests unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent')
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug')
  })
})
