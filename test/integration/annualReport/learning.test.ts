import type { Case, CaseReview } from '../../../src/db/models'
import { systemContext } from '../../../src/services/auditContext'
import { buildUser, signInAs } from '../../factories'
import { Agent } from '../../helpers/agent'
import { $, errorSummary, fieldError, textsOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { changeAndPost, formFields, postFields } from '../reviews/reviewSetup'
import { actionOf, caseWith, CHILD, reviewOf } from './fixtures'

const LIST = '/statistics/annual-report/learning?year=2016-17'
const ORIGINAL = 'Marigold was put to sleep on a sofa by Priya Okonkwo; safer sleep advice was not repeated.'
const CLEAN = 'Safer sleep advice was not repeated after the birth; it should be given at every contact.'

describe('curating the year’s learning for the annual report', () => {
  let t: TestApp
  let coordinator: Agent
  let coordinatorId: string
  let child: Case
  let review: CaseReview
  let recommendationId: string
  let importedCase: Case
  let curateUrl: string

  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services, { roles: ['coordinator'], name: 'Cora Ordinator' })
    coordinatorId = user.id
    coordinator = await signInAs(t, user)
    child = await caseWith(t, {
      givenNames: CHILD.givenNames,
      familyName: CHILD.familyName,
      nhsNumber: CHILD.nhsNumber,
      nhsNumberMissingReason: null,
      postcode: CHILD.postcode,
      notifierName: CHILD.notifierName,
    })
    review = await reviewOf(t, child, { learningPoints: ORIGINAL, category: 10 })
    const action = await actionOf(t, review, 'Remind the Featherstonehaugh family’s health visitor of safer sleep')
    recommendationId = action.id
    importedCase = await caseWith(
      t,
      { givenNames: 'Tobias', familyName: 'Quell' },
      {
        imported: true,
        status: 'reviewed',
        reviewDate: '2016-08-01',
        category: 3,
        modifiableFactors: 'identified',
        learningPoints: 'Tobias drowned in a garden pond without a cover.',
      },
    )
    // Not the year's: a review of the next year, a draft, and a review without learning points.
    const later = await caseWith(t, { dateOfDeath: '2017-01-05', notifiedAt: '2017-01-06' })
    await reviewOf(t, later, { learningPoints: 'Next year’s learning', reviewDate: '2017-04-01' })
    const drafted = await caseWith(t)
    await reviewOf(t, drafted, { status: 'draft', reviewDate: null, learningPoints: 'A draft’s learning' })
    await reviewOf(t, await caseWith(t), { learningPoints: null })
    curateUrl = `/statistics/annual-report/learning/review/${review.id}`
  })
  afterAll(() => t.close())

  const audits = (action: string) =>
    t.db.models.AuditEvent.findAll({ where: { action }, order: [['occurredAt', 'ASC']] })

  it('lists the year’s learning and recommendations by category, imported ones marked, without their original text', async () => {
    const page = await coordinator.get(LIST).expect(200)
    const html = $(page.text)
    const groups = html('main h2.govuk-heading-m')
      .toArray()
      .map(h => html(h).text().trim())
    expect(groups).toEqual([
      'Category 3: Trauma and other external factors, including medical/surgical complications/error',
      'Category 10: Sudden unexpected, unexplained death',
    ])
    const rows = html('table.app-learning tbody tr')
      .toArray()
      .map(tr => html(tr).attr('data-source'))
    expect(rows).toEqual([`case:${importedCase.id}`, `review:${review.id}`, `action:${recommendationId}`])
    expect(html('main').text()).toContain('Imported')
    expect(html('#counts').text()).toContain('3 in all: 0 included, 0 left out, 3 not decided')
    // The list never shows the free text that may name people, nor the other years' or drafts'.
    ;['Marigold', 'Featherstonehaugh', 'Tobias', 'Next year', 'A draft'].forEach(word =>
      expect(html('main').text()).not.toContain(word),
    )
    const [listed] = await audits('report_learning_listed')
    expect(listed).toMatchObject({ actorUserId: coordinatorId, entityId: '2016-17' })
    expect(listed.details).toMatchObject({ shown: 3 })
  })

  it('shows the original on the item’s page, prefilled for editing, as an audited view of identifiable data', async () => {
    const page = await coordinator.get(curateUrl).expect(200)
    expect($(page.text)('#original').text()).toBe(ORIGINAL)
    expect(formFields(page.text)).toMatchObject({ curated_text: ORIGINAL, version: 'none' })
    const [viewed] = await audits('report_learning_viewed')
    expect(viewed).toMatchObject({ actorUserId: coordinatorId, entityType: 'case', entityId: child.id })
    expect(viewed.details).toMatchObject({ sourceType: 'review', sourceId: review.id, financialYear: '2016-17' })
  })

  it('includes curated wording, audits the decision, and curatedForYear gives only that wording', async () => {
    const saved = await changeAndPost(coordinator, curateUrl, { decision: 'include', curated_text: CLEAN })
    expect(saved.status).toBe(302)
    expect(saved.headers.location).toBe(LIST)
    const item = await t.db.models.ReportLearningItem.findOne({ where: { sourceId: review.id } })
    expect(item).toMatchObject({ decision: 'include', curatedText: CLEAN, decidedBy: coordinatorId, version: 0 })
    const [decided] = await audits('report_learning_decided')
    expect(decided).toMatchObject({ entityId: child.id })
    expect(decided.details).toMatchObject({ decision: 'include', sourceType: 'review' })
    const list = await coordinator.get(LIST).expect(200)
    expect($(list.text)(`tr[data-source="review:${review.id}"]`).text()).toContain('Cora Ordinator')

    expect(await t.services.reportLearningService.curatedForYear('2016-17')).toEqual([
      { category: 'Category 10: Sudden unexpected, unexplained death', kind: 'learning', text: CLEAN },
    ])
  })

  it('never gives out uncurated, left-out or no-longer-anonymous learning, nor another year’s', async () => {
    const service = t.services.reportLearningService
    expect(await service.curatedForYear('2016-17')).toEqual([]) // nothing decided yet
    await service.decide('case', importedCase.id, { decision: 'leave_out', curatedText: 'A pond' }, null, {
      ...systemContext(),
      actorUserId: coordinatorId,
    })
    await service.decide(
      'action',
      recommendationId,
      { decision: 'include', curatedText: 'Health visitors repeat safer sleep advice at every visit.' },
      null,
      systemContext(),
    )
    await service.decide('review', review.id, { decision: 'include', curatedText: CLEAN }, null, systemContext())
    expect(await service.curatedForYear('2016-17')).toEqual([
      { category: 'Category 10: Sudden unexpected, unexplained death', kind: 'learning', text: CLEAN },
      {
        category: 'Category 10: Sudden unexpected, unexplained death',
        kind: 'recommendation',
        text: 'Health visitors repeat safer sleep advice at every visit.',
      },
    ])
    expect(await service.curatedForYear('2017-18')).toEqual([])
    // The record changes after curation so one wording now holds the child's name ("contact"): it is left out.
    await t.db.models.Case.update({ familyName: 'Contact' }, { where: { id: child.id } })
    const after = await service.curatedForYear('2016-17')
    expect(after.map(a => a.text)).toEqual(['Health visitors repeat safer sleep advice at every visit.'])
    const everything = JSON.stringify(after)
    ;[ORIGINAL, 'Marigold', 'pond', 'Tobias', 'Featherstonehaugh'].forEach(word =>
      expect(everything).not.toContain(word),
    )
    await expect(service.curatedForYear('2016-2017')).rejects.toThrow('financial year')
  })

  it('leaves an item out, and can change its mind later', async () => {
    const left = await changeAndPost(coordinator, curateUrl, { decision: 'leave_out' })
    expect(left.status).toBe(302)
    const item = await t.db.models.ReportLearningItem.findOne({ where: { sourceId: review.id } })
    expect(item).toMatchObject({ decision: 'leave_out', curatedText: null, version: 0 })
    const again = await changeAndPost(coordinator, curateUrl, { decision: 'include', curated_text: CLEAN })
    expect(again.status).toBe(302)
    await item!.reload()
    expect(item).toMatchObject({ decision: 'include', curatedText: CLEAN, version: 1 })
    expect(await audits('report_learning_decided')).toHaveLength(2)
  })

  describe('refuses wording that still holds one of the case’s identifiers, keeping what was typed', () => {
    const cases: [string, string, string][] = [
      ['a given name', 'Safer sleep advice for Marigold was not repeated.', 'a name from the case'],
      ['a part of a given name', 'jane slept on a sofa.', 'a name from the case'],
      ['the family name', 'The FEATHERSTONEHAUGH family were not visited.', 'a name from the case'],
      ['the notifier’s name', 'Reported by Dr Okonkwo.', 'a name from the case'],
      ['the NHS number', 'Record 943 476 5919 was incomplete.', 'the child’s NHS number'],
      ['the postcode', 'Families in ls14ap lacked a health visitor.', 'the family’s postcode'],
      ['the date of birth', 'Born 14 March 2015, seen once.', 'the child’s date of birth'],
      ['the date of death', 'On 01/05/2016 the ambulance was late.', 'the date of death'],
      ['the case reference', 'See case REF for details.', 'the case reference'],
    ]
    it.each(cases)('%s', async (_what, typed, reason) => {
      const text = typed.replace('REF', child.caseRef)
      const response = await changeAndPost(coordinator, curateUrl, { decision: 'include', curated_text: text })
      expect(response.status).toBe(400)
      const [[href, message]] = errorSummary(response.text)
      expect(href).toBe('#curated_text')
      expect(message).toContain(reason)
      expect(fieldError(response.text, 'curated_text')).toContain(reason)
      expect(formFields(response.text)).toMatchObject({ curated_text: text, decision: 'include' })
      expect(await t.db.models.ReportLearningItem.count()).toBe(0)
      expect(await audits('report_learning_decided')).toHaveLength(0)
    })

    it('names every kind found at once, and never echoes the identifier in the reason', async () => {
      const response = await changeAndPost(coordinator, curateUrl, {
        decision: 'include',
        curated_text: 'Marigold, NHS 9434765919',
      })
      expect(response.status).toBe(400)
      const [[, message]] = errorSummary(response.text)
      expect(message).toContain('the child’s NHS number and a name from the case')
      expect(message).not.toContain('Marigold')
    })

    it('checks the imported case’s own identifiers', async () => {
      const url = `/statistics/annual-report/learning/case/${importedCase.id}`
      const refused = await changeAndPost(coordinator, url, { decision: 'include', curated_text: 'Tobias drowned.' })
      expect(refused.status).toBe(400)
      // Another child's name is not this case's identifier (the coordinator's own judgement still applies).
      const saved = await changeAndPost(coordinator, url, {
        decision: 'include',
        curated_text: 'Garden ponds need covers where toddlers live.',
      })
      expect(saved.status).toBe(302)
    })
  })

  it('refuses a blank, an oversized or an undecided form, keeping what was typed', async () => {
    const blank = await changeAndPost(coordinator, curateUrl, { decision: 'include', curated_text: '   ' })
    expect(blank.status).toBe(400)
    expect(errorSummary(blank.text)).toEqual([
      ['#curated_text', 'Enter the wording for the report, or choose to leave it out'],
    ])
    const long = 'Safer sleep. '.repeat(400)
    const oversized = await changeAndPost(coordinator, curateUrl, { decision: 'include', curated_text: long })
    expect(oversized.status).toBe(400)
    expect(errorSummary(oversized.text)).toEqual([
      ['#curated_text', 'The wording for the report must be 4,000 characters or fewer'],
    ])
    expect(formFields(oversized.text).curated_text).toBe(long.trim())
    const undecided = await changeAndPost(coordinator, curateUrl, { decision: 'maybe', curated_text: CLEAN })
    expect(undecided.status).toBe(400)
    expect(errorSummary(undecided.text)).toEqual([['#decision', 'Select whether to include this in the annual report']])
    expect(formFields(undecided.text).curated_text).toBe(CLEAN)
    const page = await coordinator.get(curateUrl)
    const fields = formFields(page.text)
    const noVersion = await postFields(coordinator, curateUrl, { ...fields, version: 'x', decision: 'leave_out' })
    expect(noVersion.status).toBe(400)
    expect(await t.db.models.ReportLearningItem.count()).toBe(0)
  })

  it('answers 404 for forged or unknown sources, on the page and the form', async () => {
    const page = await coordinator.get(curateUrl)
    const fields = { ...formFields(page.text), decision: 'leave_out' }
    const draft = await t.db.models.CaseReview.findOne({ where: { status: 'draft' } })
    const forged = [
      `/statistics/annual-report/learning/meeting/${review.id}`,
      '/statistics/annual-report/learning/review/not-a-uuid',
      '/statistics/annual-report/learning/review/00000000-0000-4000-8000-000000000000',
      `/statistics/annual-report/learning/action/${review.id}`, // a review's id as an action's
      `/statistics/annual-report/learning/review/${draft!.id}`, // a draft is not the year's learning
      `/statistics/annual-report/learning/case/${child.id}`, // not imported
    ]
    for (const url of forged) {
      await coordinator.get(url).expect(404)
      const posted = await postFields(coordinator, url, fields)
      expect(posted.status).toBe(404)
    }
    expect(await t.db.models.ReportLearningItem.count()).toBe(0)
  })

  it('refuses a stale decision with what the other person saved, keeping the wording typed', async () => {
    const admin = await buildUser(t.services, { roles: ['admin'], name: 'Ada Admin' })
    const other = await signInAs(t, admin)
    const mine = formFields((await coordinator.get(curateUrl)).text)
    const theirs = await changeAndPost(other, curateUrl, { decision: 'leave_out' })
    expect(theirs.status).toBe(302)
    const stale = await postFields(coordinator, curateUrl, { ...mine, decision: 'include', curated_text: CLEAN })
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][0]).toBe('#conflict')
    expect($(stale.text)('#conflict').text()).toContain('Ada Admin')
    // The shared stale-edit table: only what changed since the page was opened, each version of it.
    expect(textsOf(stale.text, '#conflict tbody td')).toEqual([
      'In the annual report',
      'Not decided',
      'Leave it out',
      'Include',
    ])
    const kept = formFields(stale.text)
    expect(kept).toMatchObject({ curated_text: CLEAN, decision: 'include', version: '0' })
    const item = await t.db.models.ReportLearningItem.findOne({ where: { sourceId: review.id } })
    expect(item).toMatchObject({ decision: 'leave_out' })
    // Saving again on the page as it now stands replaces theirs.
    const again = await postFields(coordinator, curateUrl, kept)
    expect(again.status).toBe(302)
    await item!.reload()
    expect(item).toMatchObject({ decision: 'include', curatedText: CLEAN, version: 1 })
  })

  it('answers a stale decision with a forged or broken started_from as if nothing was known of the page', async () => {
    const other = await signInAs(t, await buildUser(t.services, { roles: ['admin'] }))
    const mine = formFields((await coordinator.get(curateUrl)).text)
    expect((await changeAndPost(other, curateUrl, { decision: 'leave_out' })).status).toBe(302)
    for (const forged of ['not json', '["a"]', JSON.stringify({ decision: { $ne: 1 } })]) {
      const typed = { ...mine, started_from: forged, decision: 'include', curated_text: CLEAN }
      const stale = await postFields(coordinator, curateUrl, typed)
      expect(stale.status).toBe(409)
      // Nothing usable of the page as opened: every question the other person answered is listed.
      expect(textsOf(stale.text, '#conflict tbody td:first-child')).toEqual([
        'In the annual report',
        'Wording for the report',
      ])
      expect(formFields(stale.text)).toMatchObject({ decision: 'include', curated_text: CLEAN })
    }
    // Over the size a form may be, the whole post is refused as too large, never a 500.
    const oversized = await postFields(coordinator, curateUrl, { ...mine, started_from: 'x'.repeat(300_000) })
    expect(oversized.status).toBe(413)
    const item = await t.db.models.ReportLearningItem.findOne({ where: { sourceId: review.id } })
    expect(item).toMatchObject({ decision: 'leave_out' })
  })

  it('refuses a malformed year with the GOV.UK error, and defaults to the last whole year', async () => {
    const bad = await coordinator.get('/statistics/annual-report/learning?year=2016-2017')
    expect(bad.status).toBe(400)
    expect(errorSummary(bad.text)).toEqual([['#year', 'Enter a financial year such as 2016-17']])
    const huge = await coordinator.get(`/statistics/annual-report/learning?year=${'9'.repeat(5000)}`)
    expect(huge.status).toBe(400)
    await coordinator.get('/statistics/annual-report/learning').expect(200)
    await coordinator.get('/statistics/annual-report/learning?year=1999-00').expect(200)
  })

  it('is for coordinators and administrators only: public health and panel members are refused', async () => {
    for (const role of ['public_health', 'panel_member'] as const) {
      const user = await buildUser(t.services, { roles: [role] })
      const agent = await signInAs(t, user)
      await agent.get(LIST).expect(403)
      await agent.get(curateUrl).expect(403)
    }
    expect(await audits('report_learning_viewed')).toHaveLength(0)
    const admin = await buildUser(t.services, { roles: ['admin'] })
    const agent = await signInAs(t, admin)
    await agent.get(LIST).expect(200)
    await agent.get(curateUrl).expect(200)
  })
})
