import crypto from 'node:crypto'
import type { Application } from 'express'
import session from 'express-session'
import createApp from '../../src/app'
import config, { type Config } from '../../src/config'
import type { Role } from '../../src/domain/codes'
import type { Services } from '../../src/services'
import { Agent, newAgent } from './agent'

/** Every method of a mocked service: a jest.fn that fails loudly until the test says what it answers. */
type Mocked<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<R, A> : T[K] }
export type MockServices = { [K in keyof Services]: Mocked<Services[K]> }

function mockService(name: string): object {
  const methods = new Map<PropertyKey, jest.Mock>()
  return new Proxy(
    {},
    {
      get(_target, method) {
        if (method === 'then' || typeof method === 'symbol') return undefined // not a promise
        if (!methods.has(method))
          methods.set(
            method,
            jest.fn(() => {
              throw new Error(`services.${name}.${String(method)} was called but the test did not mock it`)
            }),
          )
        return methods.get(method)
      },
    },
  )
}

export interface RouteApp {
  app: Application
  services: MockServices
  /** A browser session signed in as an account in the given roles; userService.findById answers for it. */
  signedIn: (roles: Role[]) => Promise<{ agent: Agent; user: RouteUser }>
}

export interface RouteUser {
  id: string
  name: string
  email: string
  roles: Role[]
  active: boolean
}

/**
 * The real Express app (every middleware, router, controller and view) on mocked services and an
 * in-memory session store: no database. For what a route does with a request on its own:
 * validation messages, typed values kept, redirects, refusals. What the services do is the
 * integration tests' business. `overrides` replaces whole services (or the config).
 */
export function createRouteApp(
  overrides: Partial<Record<keyof Services, unknown>> & { config?: Config } = {},
): RouteApp {
  const made = new Map<PropertyKey, unknown>()
  const services = new Proxy({} as MockServices, {
    get(_target, key) {
      if (key === 'config') return overrides.config ?? config
      if (typeof key === 'symbol' || key === 'then') return undefined
      if (key in overrides) return overrides[key as keyof Services]
      if (!made.has(key)) made.set(key, mockService(key))
      return made.get(key)
    },
  })
  const store = new session.MemoryStore()
  const app = createApp(services as unknown as Services, { sessionStore: store })
  const appConfig = overrides.config ?? config
  const users = new Map<string, RouteUser>()
  // Visitors' pages are rate limited per address: allowed unless a test says otherwise.
  services.rateLimiter.hit.mockResolvedValue({ allowed: true, hits: 1, retryAfterSeconds: 60 })
  services.userService.findById.mockImplementation(async (id: string) => (users.get(id) ?? null) as never)

  let sequence = 0
  const signedIn = async (roles: Role[]) => {
    sequence += 1
    const user: RouteUser = {
      id: crypto.randomUUID(),
      name: `Route Person ${sequence}`,
      email: `route${sequence}@example.org`,
      roles,
      active: true,
    }
    users.set(user.id, user)
    const sid = crypto.randomBytes(24).toString('base64url')
    const maxAge = appConfig.session.idleMinutes * 60_000
    const cookie = {
      originalMaxAge: maxAge,
      expires: new Date(Date.now() + maxAge),
      httpOnly: true,
      path: '/',
      sameSite: 'lax' as const,
    }
    await new Promise<void>((resolve, reject) =>
      store.set(sid, { cookie, passport: { user: user.id } } as never, error => (error ? reject(error) : resolve())),
    )
    const signature = crypto
      .createHmac('sha256', appConfig.session.secret)
      .update(sid)
      .digest('base64')
      .replace(/=+$/, '')
    const agent = newAgent(app)
    agent.jar.setCookie(
      `${appConfig.session.cookieName}=${encodeURIComponent(`s:${sid}.${signature}`)}; Path=/`,
      '127.0.0.1',
      '/',
    )
    return { agent, user }
  }
  return { app, services, signedIn }
}
