import { randomUUID } from 'node:crypto'
import { registeredRoutes } from '../../helpers/routes'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { seedEverything, type Seeded } from './accessFixtures'
import { urlFor } from './accessTable'

/** The route params that name a record; every other param (a token, a section, a code) is not an id. */
const ID_PARAMS = [
  'caseId',
  'otherId',
  'meetingId',
  'memberId',
  'itemId',
  'declarationId',
  'requestId',
  'eventId',
  'messageId',
  'actionId',
  'userId',
  'id',
]

const MALFORMED = [
  'not-an-id',
  "1' OR '1'='1",
  '00000000-0000-4000-8000-00000000000g',
  '00000000-0000-4000-8000-0000000000000',
  `${'a'.repeat(2000)}`,
  '%00',
  '..',
]

const idParamsOf = (path: string) =>
  (path.match(/:(\w+)/g) ?? []).map(p => p.slice(1)).filter(p => ID_PARAMS.includes(p))

/** The route's URL with one of its params replaced (escaped as a browser would send it). */
const withParam = (path: string, seeded: Seeded, name: string, value: string) =>
  urlFor(path.replace(new RegExp(`:${name}\\b`), encodeURIComponent(value).replace(/\./g, '%2E')), seeded.params)

describe('every id in a URL', () => {
  let t: TestApp
  let seeded: Seeded
  beforeAll(async () => {
    t = createTestApp()
    await resetDatabase(t.db)
    seeded = await seedEverything(t)
  })
  afterAll(() => t.close())

  // A malformed id is refused before anything runs, so even the posts that take something away are safe to send.
  const routesWithIds = () => registeredRoutes(t.app).filter(r => idParamsOf(r.path).length > 0)

  it('has routes to check', () => {
    // One of each: cases, requests, JAR events, meetings and their parts, reviews, outbox, actions, accounts, releases.
    const names = new Set(routesWithIds().flatMap(r => idParamsOf(r.path)))
    expect([...names].sort()).toEqual([...ID_PARAMS].sort())
  })

  it('answers a malformed id with the not-found page, never a 500, on every route', async () => {
    const agent = seeded.agents.admin
    const wrong: string[] = []
    for (const { method, path } of routesWithIds()) {
      for (const name of idParamsOf(path)) {
        for (const value of MALFORMED) {
          const url = withParam(path, seeded, name, value)
          const response =
            method === 'GET'
              ? await agent.get(url)
              : await agent
                  .post(url)
                  .set('X-CSRF-Token', seeded.tokens.admin)
                  .type('form')
                  .send({ _csrf: seeded.tokens.admin })
          if (response.status !== 404)
            wrong.push(`${method} ${path} :${name}=${value.slice(0, 20)} → ${response.status}`)
          else if (!/not found|no published release|not on the agenda/i.test(response.text))
            wrong.push(`${method} ${path} :${name}: 404 without its page`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('answers an id that names nothing with 404 on every page', async () => {
    const agent = seeded.agents.admin
    const wrong: string[] = []
    for (const { method, path } of routesWithIds().filter(r => r.method === 'GET')) {
      for (const name of idParamsOf(path)) {
        const response = await agent.get(withParam(path, seeded, name, randomUUID()))
        // Declaring an interest is for the invited panel members only: anyone else is refused first.
        const expected = path.endsWith('/interest') && name === 'caseId' ? 403 : 404
        if (response.status !== expected) wrong.push(`${method} ${path} :${name} → ${response.status}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('answers an id forged onto another record (a request or event of another case, a case off the agenda) with 404', async () => {
    const agent = seeded.agents.admin
    const { params } = seeded
    const forged = [
      `/cases/${params.otherId}/requests/${params.requestId}`,
      `/cases/${params.otherId}/requests/${params.requestId}/paper`,
      `/cases/${params.otherId}/jar-events/${params.eventId}`,
      `/meetings/${params.meetingId}/cases/${params.otherId}/pack`,
      `/meetings/${params.meetingId}/cases/${params.otherId}/review`,
    ]
    for (const url of forged) expect([url, (await agent.get(url)).status]).toEqual([url, 404])
  })

  it('gives someone not invited the same answer for a malformed meeting id as for an unknown one', async () => {
    const agent = seeded.agents.panel_member
    const unknown = await agent.get(`/meetings/${randomUUID()}`)
    const malformed = await agent.get('/meetings/not-an-id')
    expect(unknown.status).toBe(403)
    expect(malformed.status).toBe(403)
    expect(malformed.text).toContain('You can only see the meetings you are invited to')
  })
})
