import type { Case } from '../../../src/db/models'
import ActionService from '../../../src/services/actions/actionService'
import { systemContext } from '../../../src/services/auditContext'
import { buildUser, signInAs } from '../../factories'
import { Agent } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { actionOf, caseWith, CHILD, reviewOf } from './fixtures'

const URL = '/statistics/annual-report/actions?year=2016-17'
const SUDDEN = 'Category 10: Sudden unexpected, unexplained death'
const TRAUMA = 'Category 3: Trauma and other external factors, including medical/surgical complications/error'

describe('the actions and their impact for the annual report', () => {
  let t: TestApp
  let coordinator: Agent
  let child: Case
  const at = (iso: string) => new ActionService(t.db, t.services.auditService, () => new Date(iso))

  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    coordinator = await signInAs(t, user)
    child = await caseWith(t, {
      givenNames: CHILD.givenNames,
      familyName: CHILD.familyName,
      nhsNumber: CHILD.nhsNumber,
      nhsNumberMissingReason: null,
      postcode: CHILD.postcode,
    })
    const review = await reviewOf(t, child, { category: 10, reviewDate: '2016-11-20' })
    await actionOf(t, review, 'Tell Marigold’s GP practice about the safer sleep pathway', { dueDate: '2017-01-15' })
    const curated = await actionOf(t, review, 'Health visitor for LS1 4AP to repeat advice', {
      status: 'in_progress',
      dueDate: '2017-03-01',
    })
    await actionOf(t, review, 'Give the leaflet at discharge', {
      status: 'complete',
      evidenceOfImpact: 'The Featherstonehaugh family and 40 others had the leaflet',
      ownerOrganisation: null,
    })
    await actionOf(t, review, 'Buy new cots for the ward', { status: 'not_accepted' })
    await actionOf(t, review, 'Audit the sleep checklist')
    const other = await caseWith(t)
    const superseded = await reviewOf(t, other, { status: 'superseded', category: 3, reviewDate: '2016-06-01' })
    await actionOf(t, superseded, 'Fence the ponds of the estate', { dueDate: '2016-12-01' })
    // Not the year's: a review finalised the next year, and a draft's recommendation.
    const later = await reviewOf(t, await caseWith(t), { reviewDate: '2017-04-02' })
    await actionOf(t, later, 'Next year’s action', { dueDate: '2000-01-01' })
    const draft = await reviewOf(t, await caseWith(t), { status: 'draft', reviewDate: null })
    await actionOf(t, draft, 'A draft’s recommendation', { dueDate: '2000-01-01' })
    await t.services.reportLearningService.decide(
      'action',
      curated.id,
      { decision: 'include', curatedText: 'Health visitors repeat safer sleep advice at every visit.' },
      null,
      systemContext(),
    )
  })
  afterAll(() => t.close())

  it('groups the year’s actions by theme with open, completed and overdue counts on a fixed clock', async () => {
    const report = await at('2017-02-01T12:00:00Z').reportForYear('2016-17')
    expect(report.counts).toEqual({ open: 4, completed: 1, overdue: 2 })
    expect(report.themes.map(th => th.theme)).toEqual([TRAUMA, SUDDEN])
    const strip = (a: (typeof report.themes)[number]['actions'][number]) => {
      const { actionId, caseId, ...rest } = a
      expect(actionId).toMatch(/^[0-9a-f-]{36}$/)
      expect(caseId).toMatch(/^[0-9a-f-]{36}$/)
      return rest
    }
    expect(report.themes[0].actions.map(strip)).toEqual([
      {
        description: 'Fence the ponds of the estate',
        ownerAgency: 'Northshire ICB',
        status: 'Open',
        dueDate: '2016-12-01',
        overdue: true,
        evidence: null,
        wording: 'redacted',
      },
    ])
    expect(report.themes[1].actions.map(strip)).toEqual([
      {
        description: 'Tell [redacted]’s GP practice about the safer sleep pathway',
        ownerAgency: 'Northshire ICB',
        status: 'Open',
        dueDate: '2017-01-15',
        overdue: true,
        evidence: null,
        wording: 'redacted',
      },
      {
        description: 'Health visitors repeat safer sleep advice at every visit.',
        ownerAgency: 'Northshire ICB',
        status: 'In progress',
        dueDate: '2017-03-01',
        overdue: false,
        evidence: null,
        wording: 'curated',
      },
      {
        description: 'Give the leaflet at discharge',
        ownerAgency: 'Not recorded',
        status: 'Complete',
        dueDate: null,
        overdue: false,
        evidence: 'The [redacted] family and 40 others had the leaflet',
        wording: 'redacted',
      },
      expect.objectContaining({ description: 'Buy new cots for the ward', status: 'Not accepted', overdue: false }),
      expect.objectContaining({ description: 'Audit the sleep checklist', status: 'Open', dueDate: null }),
    ])
    // Earlier in the year only the pond fence is overdue; due today is not yet overdue.
    expect((await at('2016-12-15T12:00:00Z').reportForYear('2016-17')).counts).toEqual({
      open: 4,
      completed: 1,
      overdue: 1,
    })
    expect((await at('2017-01-15T12:00:00Z').reportForYear('2016-17')).counts.overdue).toBe(1)
    expect(await at('2017-02-01T12:00:00Z').reportForYear('2015-16')).toEqual({
      themes: [],
      counts: { open: 0, completed: 0, overdue: 0 },
    })
    await expect(at('2017-02-01T12:00:00Z').reportForYear('2016')).rejects.toThrow('financial year')
  })

  it('shows the same on the coordinator’s page, audited, with no identifier of the case', async () => {
    const page = await coordinator.get(URL).expect(200)
    const html = $(page.text)
    expect(html('[data-count="open"]').text()).toBe('4')
    expect(html('[data-count="completed"]').text()).toBe('1')
    expect(html('[data-count="overdue"]').text()).toBe('3') // today, all three dated open actions are past due
    expect(html('main').text()).toContain('Curated')
    ;['Marigold', 'Featherstonehaugh', 'LS1 4AP', 'Next year', 'A draft'].forEach(word =>
      expect(html('main').text()).not.toContain(word),
    )
    const [viewed] = await t.db.models.AuditEvent.findAll({ where: { action: 'report_actions_viewed' } })
    expect(viewed).toMatchObject({ entityId: '2016-17' })
    expect(viewed.details).toMatchObject({ shown: 6 })
  })

  it('refuses a malformed year, and public health and panel members', async () => {
    const bad = await coordinator.get('/statistics/annual-report/actions?year=16-17')
    expect(bad.status).toBe(400)
    expect(errorSummary(bad.text)).toEqual([['#year', 'Enter a financial year such as 2016-17']])
    for (const role of ['public_health', 'panel_member'] as const) {
      const user = await buildUser(t.services, { roles: [role] })
      const agent = await signInAs(t, user)
      await agent.get(URL).expect(403)
    }
  })
})
