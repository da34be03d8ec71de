import type { Role } from '../../../src/domain/codes'
import { buildCase, buildUser, signInAs } from '../../factories'
import { csrfTokenFrom, newAgent } from '../../helpers/agent'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { GP, linkFor, sendRequests } from './agencyHelpers'

describe('who may reach requests for information and the outbox', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  /** A case with one request sent by a coordinator, and the ids a page would link to. */
  async function world() {
    const coordinator = await buildUser(t.services, { roles: ['coordinator'] })
    const agent = await signInAs(t, coordinator)
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, agent, record.id, [GP])
    const message = (await t.db.models.OutboxMessage.findOne({ where: { requestId: requests[0].id } }))!
    return { record, request: requests[0], message, link: await linkFor(t, requests[0]) }
  }

  it.each([['panel_member'], ['public_health']] as [Role][])(
    'refuses a %s every page, and changes nothing',
    async role => {
      const { record, request, message } = await world()
      const user = await buildUser(t.services, { roles: [role] })
      const agent = await signInAs(t, user)
      const base = `/cases/${record.id}/requests`
      for (const url of [
        base,
        `${base}/new`,
        `${base}/${request.id}`,
        `${base}/${request.id}/paper`,
        `${base}/${request.id}/cancel`,
        `${base}/${request.id}/not-involved`,
        '/outbox',
        `/outbox/${message.id}`,
        `/cases/00000000-0000-4000-8000-000000000000/requests`,
      ]) {
        expect([url, (await agent.get(url)).status]).toEqual([url, 403])
      }
      const token = csrfTokenFrom((await agent.get('/')).text)
      for (const url of [
        `${base}/new`,
        `${base}/${request.id}/revoke-link`,
        `${base}/${request.id}/cancel`,
        `/outbox/${message.id}/retry`,
      ]) {
        const response = await agent
          .post(url)
          .type('form')
          .send({ _csrf: token, version: '0', reason: 'x', agencies: 'police' })
        expect([url, response.status]).toEqual([url, 403])
      }
      await request.reload()
      expect(request).toMatchObject({ status: 'requested', tokenRevokedAt: null })
      expect(await t.db.models.AgencyRequest.count()).toBe(1)
    },
  )

  it('sends people who are not signed in to sign in, except on the agency link', async () => {
    const { record, message, link } = await world()
    const stranger = newAgent(t.app)
    for (const url of [`/cases/${record.id}/requests`, '/outbox', `/outbox/${message.id}`]) {
      const response = await newAgent(t.app).get(url)
      expect([url, response.status, response.headers.location]).toEqual([url, 302, '/sign-in'])
    }
    expect((await stranger.get(link)).status).toBe(200)
  })

  it('shows the outbox to coordinators and administrators, in the menu too', async () => {
    await world()
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = await signInAs(t, admin)
    const page = await agent.get('/outbox')
    expect(page.status).toBe(200)
    expect(page.text).toContain('No mail server is set up')
    expect(page.text).toMatch(/<a class="govuk-service-navigation__link" href="\/outbox"/)
  })

  it('answers 404 for a request of another case', async () => {
    const { request } = await world()
    const other = await buildCase(t.services)
    const coordinator = await buildUser(t.services)
    const agent = await signInAs(t, coordinator)
    expect((await agent.get(`/cases/${other.id}/requests/${request.id}`)).status).toBe(404)
    expect((await agent.get(`/cases/${other.id}/requests/not-a-uuid`)).status).toBe(404)
    expect((await agent.get('/outbox/not-a-uuid')).status).toBe(404)
  })
})
