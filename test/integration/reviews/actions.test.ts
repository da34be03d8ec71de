import type { Case } from '../../../src/db/models'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent } from '../../helpers/agent'
import { $, errorSummary, textsOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { changeAndPost, formFields, postFields } from './reviewSetup'

describe('the actions list and an action’s page', () => {
  let t: TestApp
  let coordinator: Agent
  let record: Case
  let reviewId: string
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    coordinator = await signInAs(t, user)
    record = await buildCase(t.services)
    const review = await t.db.models.CaseReview.create({
      caseId: record.id,
      meetingId: null,
      status: 'final',
      category: 5,
      modifiableFactors: 'not_identified',
      preventability: null,
      likelyCauseOfDeath: null,
      learningPoints: null,
      safeguardingReferral: false,
      lederReferral: false,
      reviewDate: '2025-09-01',
      quorumOverrideReason: null,
      deferralQuestions: null,
      finalisedBy: null,
      finalisedAt: new Date(),
    })
    reviewId = review.id
  })
  afterAll(() => t.close())

  const action = (description: string, extra: Record<string, unknown> = {}) =>
    t.db.models.Action.create({
      caseId: record.id,
      reviewId,
      description,
      ownerOrganisation: 'Northshire ICB',
      dueDate: null,
      evidenceOfImpact: null,
      ...extra,
    })
  const listed = async (query = '') => {
    const page = await coordinator.get(`/actions${query}`).expect(200)
    return textsOf(page.text, '#actions tbody tr td:first-child')
  }

  it('lists overdue actions first, then by due date, undated last; drafts’ recommendations left out', async () => {
    await action('Future', { dueDate: '2999-01-01' })
    await action('Done late', { dueDate: '2019-01-01', status: 'complete' })
    await action('Undated')
    await action('Overdue in progress', { dueDate: '2021-01-01', status: 'in_progress' })
    await action('Overdue open', { dueDate: '2020-01-01' })
    const draft = await t.db.models.CaseReview.create({
      caseId: record.id,
      meetingId: null,
      status: 'draft',
      category: null,
      modifiableFactors: null,
      preventability: null,
      likelyCauseOfDeath: null,
      learningPoints: null,
      safeguardingReferral: null,
      lederReferral: null,
      reviewDate: null,
      quorumOverrideReason: null,
      deferralQuestions: null,
      finalisedBy: null,
      finalisedAt: null,
    })
    await action('Still a draft recommendation', { reviewId: draft.id, dueDate: '2000-01-01' })

    expect(await listed()).toEqual(['Overdue open', 'Overdue in progress', 'Done late', 'Future', 'Undated'])
    const page = await coordinator.get('/actions')
    const overdueTags = $(page.text)('#actions .govuk-tag--red').length
    expect(overdueTags).toBe(2)
    expect($(page.text)('#actions').text()).toContain(record.caseRef)
  })

  it('filters by status, level, owner organisation and overdue only', async () => {
    await action('Local open', { level: 'local', dueDate: '2020-01-01', ownerOrganisation: 'Northshire Police' })
    await action('National complete', { level: 'national', status: 'complete', ownerOrganisation: 'NHS England' })
    await action('Regional in progress', { level: 'regional', status: 'in_progress', dueDate: '2999-01-01' })
    expect(await listed('?status=complete')).toEqual(['National complete'])
    expect(await listed('?level=regional')).toEqual(['Regional in progress'])
    expect(await listed('?owner=police')).toEqual(['Local open'])
    expect(await listed('?owner=%25')).toEqual([]) // a wildcard is taken literally
    expect(await listed('?overdue=yes')).toEqual(['Local open'])
    expect(await listed('?status=banana&level=x')).toHaveLength(3) // unknown filters are ignored
  })

  it('updates an action with optimistic locking and audits the fields changed', async () => {
    const one = await action('Publish safer sleep leaflet', { dueDate: '2020-01-01' })
    const url = `/actions/${one.id}`
    const page = await coordinator.get(url).expect(200)
    expect($(page.text)('main').text()).toContain('Overdue')
    const opened = formFields(page.text)

    const saved = await changeAndPost(coordinator, url, {
      status: 'complete',
      evidence_of_impact: 'Leaflet in every maternity pack since March',
    })
    expect(saved.status).toBe(302)
    await one.reload()
    expect(one).toMatchObject({
      status: 'complete',
      evidenceOfImpact: 'Leaflet in every maternity pack since March',
      version: 1,
    })
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'action_updated', entityId: one.id } })
    expect(audit!.details).toMatchObject({ caseId: record.id, fields: ['status', 'evidenceOfImpact'] })

    const stale = await postFields(coordinator, url, {
      ...opened,
      status: 'not_accepted',
      owner_organisation: 'Someone else',
    })
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][1]).toMatch(/Someone else saved this action/)
    expect($(stale.text)('#conflict').text()).toContain('Complete')
    expect($(stale.text)('#owner_organisation').val()).toBe('Someone else')
    await one.reload()
    expect(one.status).toBe('complete')

    const bad = await changeAndPost(coordinator, url, {
      'due_date-day': '31',
      'due_date-month': '2',
      'due_date-year': '2026',
    })
    expect(bad.status).toBe(400)
    expect(errorSummary(bad.text)).toEqual([['#due_date-day', 'Due date must be a real date']])
  })

  it('is for coordinators and administrators only', async () => {
    const one = await action('Something')
    const member = await buildUser(t.services, { roles: ['panel_member'] })
    const agent = await signInAs(t, member)
    await agent.get('/actions').expect(403)
    await agent.get(`/actions/${one.id}`).expect(403)
    await coordinator.get('/actions/00000000-0000-4000-8000-000000000000').expect(404)
    await coordinator.get('/actions/nonsense').expect(404)
    const home = await coordinator.get('/')
    expect($(home.text)('header a[href="/actions"]').text().trim()).toBe('Actions')
  })
})
