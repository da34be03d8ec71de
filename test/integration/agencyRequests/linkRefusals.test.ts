import { newLinkToken } from '../../../src/services/agencyRequests/linkToken'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, newAgent, submitForm } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { auditRows, GP, linkFor, POLICE, sendRequests } from './agencyHelpers'

describe('agency links that cannot be used', () => {
  let t: TestApp
  let coordinator: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services)
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  const heading = (html: string) => $(html)('h1').text().trim()

  it('refuses a tampered link before looking anything up, with a page saying so', async () => {
    const record = await buildCase(t.services, { givenNames: 'Kit' })
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    const link = await linkFor(t, requests[0])
    for (const tampered of [
      `${link}x`, // too long
      link.slice(0, -1), // too short
      `${link.slice(0, -5)}%20abc`, // not the alphabet
      `/agency/${'A'.repeat(42)}B`, // the right length, but no encoding of 32 bytes ends like that
    ]) {
      const response = await newAgent(t.app).get(tampered)
      expect(response.status).toBe(404)
      expect(heading(response.text)).toBe('This link is not valid')
      expect(response.text).not.toContain('not complete')
      expect(response.text).not.toContain('Kit')
    }
    const audits = await auditRows(t, 'agency_link_refused')
    expect(audits).toHaveLength(4)
    audits.forEach(a =>
      expect(a).toMatchObject({ entityType: 'agency_link', entityId: null, details: { reason: 'tampered' } }),
    )
  })

  it('gives unknown, revoked and closed links the same generic page, but tells the coordinator why', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP, POLICE])
    const [gp, police] = requests
    const gpLink = await linkFor(t, gp)
    const policeLink = await linkFor(t, police)

    const unknown = await newAgent(t.app).get(`/agency/${newLinkToken()}`)

    const revoke = await submitForm(
      coordinator,
      `/cases/${record.id}/requests/${gp.id}`,
      { version: String(gp.version) },
      `/cases/${record.id}/requests/${gp.id}/revoke-link`,
    )
    expect(revoke.status).toBe(302)
    await gp.reload()
    expect(gp.tokenRevokedAt).not.toBeNull()
    expect(gp.status).toBe('requested')
    const revoked = await newAgent(t.app).get(gpLink)

    await submitForm(coordinator, `/cases/${record.id}/requests/${police.id}/cancel`, {
      version: String(police.version),
      reason: 'Not needed',
    })
    const closed = await newAgent(t.app).get(policeLink)

    for (const response of [unknown, revoked, closed]) {
      expect(response.status).toBe(404)
      expect(heading(response.text)).toBe('This link cannot be used')
    }
    expect($(unknown.text)('main').text()).toBe($(revoked.text)('main').text())
    expect($(revoked.text)('main').text()).toBe($(closed.text)('main').text())
    // A link that can no longer be used does not stay readable in the outbox either.
    const kept = await t.db.models.OutboxMessage.findAll({ where: { requestId: [gp.id, police.id] } })
    expect(kept.length).toBeGreaterThan(0)
    kept.forEach(message => {
      expect(message.bodyText).not.toContain(gpLink)
      expect(message.bodyText).not.toContain(policeLink)
    })

    const audits = await auditRows(t, 'agency_link_refused')
    expect(audits.map(a => [a.entityType, a.entityId, a.details.reason])).toEqual([
      ['agency_link', null, 'unknown'],
      ['case', record.id, 'revoked'],
      ['case', record.id, 'closed'],
    ])
    expect((await auditRows(t, 'agency_link_revoked')).map(a => a.details)).toEqual([
      { requestId: gp.id, agency: 'gp' },
    ])
    const timeline = $((await coordinator.get(`/cases/${record.id}`)).text)('ol.govuk-list')
      .last()
      .text()
    expect(timeline).toContain('Link for GP revoked')
    expect(timeline).toContain('Link for GP refused: it had been revoked')
    expect(timeline).toContain('Link for Police refused: the request was closed')
  })

  it('sends a new link that replaces the old one and keeps the agency draft', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    const [gp] = requests
    const oldLink = await linkFor(t, gp)
    await submitForm(newAgent(t.app), oldLink, {
      version: String(gp.version),
      action: 'draft',
      reporter_name: 'Kept name',
    })
    await gp.reload()

    const reissued = await submitForm(
      coordinator,
      `/cases/${record.id}/requests/${gp.id}`,
      { version: String(gp.version) },
      `/cases/${record.id}/requests/${gp.id}/new-link`,
    )
    expect(reissued.status).toBe(302)
    const shown = await coordinator.get(reissued.headers.location)
    expect(shown.text).toContain('A new link has been sent to Dr Pat Practice')
    const newLink = await linkFor(t, gp)
    expect(newLink).not.toBe(oldLink)

    expect((await newAgent(t.app).get(oldLink)).status).toBe(404)
    const opened = await newAgent(t.app).get(newLink)
    expect(opened.status).toBe(200)
    expect($(opened.text)('#reporter_name').val()).toBe('Kept name')
    const emails = await t.db.models.OutboxMessage.findAll({
      where: { requestId: gp.id },
      order: [['createdAt', 'ASC']],
    })
    expect(emails.map(e => e.subject)).toEqual([
      `Request for information for child death review ${record.caseRef}`,
      `New link: request for information for child death review ${record.caseRef}`,
    ])
    expect((await auditRows(t, 'agency_link_reissued')).map(a => a.entityId)).toEqual([record.id])
  })

  it('says an expired link has expired, and refuses saving through it', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    const link = await linkFor(t, requests[0])
    const agency = newAgent(t.app)
    const page = await agency.get(link)
    expect(page.status).toBe(200)
    // Time passes: the link's expiry is now behind us.
    await t.db.models.AgencyRequest.update(
      { tokenExpiresAt: new Date(Date.now() - 1000) },
      { where: { id: requests[0].id } },
    )
    const expired = await agency.get(link)
    expect(expired.status).toBe(410)
    expect(heading(expired.text)).toBe('This link has expired')
    const save = await agency
      .post(link)
      .type('form')
      .send({
        _csrf: $(page.text)('input[name=_csrf]').val(),
        version: String(requests[0].version),
        action: 'draft',
        reporter_name: 'Too late',
      })
    expect(save.status).toBe(410)
    await requests[0].reload()
    expect(requests[0].reportDraft).toBeNull()
    expect((await auditRows(t, 'agency_link_refused')).map(a => a.details.reason)).toEqual(['expired', 'expired'])
    const requestPage = await coordinator.get(`/cases/${record.id}/requests/${requests[0].id}`)
    expect($(requestPage.text)('.govuk-summary-list').first().text()).toContain('Expired')
  })

  it('needs the form token on the agency form too', async () => {
    const record = await buildCase(t.services)
    const { requests } = await sendRequests(t, coordinator, record.id, [GP])
    const link = await linkFor(t, requests[0])
    const agency = newAgent(t.app)
    await agency.get(link)
    const forged = await agency
      .post(link)
      .type('form')
      .send({ version: String(requests[0].version), action: 'submit' })
    expect(forged.status).toBe(403)
    await requests[0].reload()
    expect(requests[0].status).toBe('requested')
  })
})
