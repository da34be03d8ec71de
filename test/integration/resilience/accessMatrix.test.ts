import { registeredRoutes } from '../../helpers/routes'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { ROLES, seedEverything } from './accessFixtures'
import { ACCESS, Expected, urlFor } from './accessTable'

function classify(status: number, location: string | undefined): Expected | `unexpected ${number}` {
  if (status === 302 && /\/sign-in(\?|$)/.test(location ?? '')) return 'S'
  if (status === 403) return 'F'
  if (status === 404) return 'N'
  if (status >= 500) return `unexpected ${status}`
  return 'A'
}

describe('the access matrix', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  afterAll(() => t.close())

  it('has an entry for every registered route, and none for a route that does not exist', () => {
    const registered = registeredRoutes(t.app).map(r => `${r.method} ${r.path}`)
    expect(registered.filter(key => !ACCESS[key])).toEqual([])
    expect(Object.keys(ACCESS).filter(key => !registered.includes(key))).toEqual([])
  })

  it.each(ROLES)(
    'answers %s as the matrix says on every route',
    async who => {
      await resetDatabase(t.db)
      const seeded = await seedEverything(t)
      const agent = seeded.agents[who]
      // Reads first, then posts; posts that take something away (an agenda item, a link) after the
      // others, and signing out, which ends the session every request uses, last of all.
      const order = ({ method, path }: { method: string; path: string }) => {
        if (path === '/sign-out') return 4
        if (method === 'GET') return 0
        if (/\/(remove|withdraw|revoke-link|interest)$|:outcome$/.test(path)) return 2
        return 1
      }
      const routes = registeredRoutes(t.app).sort((a, b) => order(a) - order(b))
      const mismatches: string[] = []
      for (const { method, path } of routes) {
        const key = `${method} ${path}`
        const url = urlFor(path, seeded.params)
        const response =
          method === 'GET'
            ? await agent.get(url)
            : await agent
                .post(url)
                .set('X-CSRF-Token', seeded.tokens[who])
                .type('form')
                .send({ _csrf: seeded.tokens[who] })
        const got = classify(response.status, response.headers.location)
        if (got !== ACCESS[key]?.[who])
          mismatches.push(`${key}: expected ${ACCESS[key]?.[who]}, got ${got} (${response.status})`)
      }
      expect(mismatches).toEqual([])
      // Every route once, after seeding one of everything: well over the default 30 s when seven
      // engineers share the machine's two cores (it timed out there before and after the suite's speed-up).
    },
    180_000,
  )
})
