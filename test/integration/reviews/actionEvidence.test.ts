import type { Case } from '../../../src/db/models'
import { buildCase, buildUser, signInAs } from '../../factories'
import { Agent, csrfTokenFrom } from '../../helpers/agent'
import { $, errorSummary, fieldError, textsOf } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { changeAndPost, formFields, postFields } from './reviewSetup'

describe('completing an action needs its evidence; the list shows each theme', () => {
  let t: TestApp
  let coordinator: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services, { roles: ['coordinator'] })
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  const finalReview = (record: Case, category: number | null, status: 'final' | 'draft' = 'final') =>
    t.db.models.CaseReview.create({
      caseId: record.id,
      meetingId: null,
      status,
      category,
      modifiableFactors: category === null ? null : 'not_identified',
      preventability: category === null ? 'inadequate_information' : null,
      likelyCauseOfDeath: null,
      learningPoints: null,
      safeguardingReferral: false,
      lederReferral: false,
      reviewDate: status === 'final' ? '2025-09-01' : null,
      quorumOverrideReason: null,
      deferralQuestions: null,
      finalisedBy: null,
      finalisedAt: status === 'final' ? new Date() : null,
    })
  const action = (record: Case, reviewId: string | null, description: string, extra: Record<string, unknown> = {}) =>
    t.db.models.Action.create({
      caseId: record.id,
      reviewId,
      description,
      ownerOrganisation: 'Northshire ICB',
      dueDate: null,
      evidenceOfImpact: null,
      ...extra,
    })

  it('refuses to complete an action without evidence of impact, keeping every value typed', async () => {
    const record = await buildCase(t.services)
    const review = await finalReview(record, 8)
    const one = await action(record, review.id, 'Safer sleep leaflets')
    const url = `/actions/${one.id}`
    const refused = await changeAndPost(coordinator, url, {
      status: 'complete',
      owner_organisation: 'Northshire Maternity',
      evidence_of_impact: '   ',
      'due_date-day': '1',
      'due_date-month': '6',
      'due_date-year': '2027',
    })
    expect(refused.status).toBe(400)
    expect(errorSummary(refused.text)).toEqual([
      ['#evidence_of_impact', 'Enter the evidence of impact before marking the action complete'],
    ])
    expect(fieldError(refused.text, 'evidence_of_impact')).toBe(
      'Enter the evidence of impact before marking the action complete',
    )
    const form = formFields(refused.text)
    expect(form).toMatchObject({
      status: 'complete',
      owner_organisation: 'Northshire Maternity',
      'due_date-day': '1',
      'due_date-year': '2027',
    })
    await one.reload()
    expect(one).toMatchObject({ status: 'open', ownerOrganisation: 'Northshire ICB' })

    // Errors come in the order of the form: status, due date, owner, evidence.
    const several = await postFields(coordinator, url, {
      _csrf: csrfTokenFrom(refused.text),
      version: String(one.version),
      status: 'complete',
      'due_date-day': '31',
      'due_date-month': '2',
      'due_date-year': '2027',
      owner_organisation: 'x'.repeat(201),
      evidence_of_impact: '',
    })
    expect(errorSummary(several.text).map(([href]) => href)).toEqual([
      '#due_date-day',
      '#owner_organisation',
      '#evidence_of_impact',
    ])

    const done = await changeAndPost(coordinator, url, {
      status: 'complete',
      evidence_of_impact: 'Leaflet in every maternity pack since March; audit shows 94% given',
    })
    expect(done.status).toBe(302)
    await one.reload()
    expect(one).toMatchObject({
      status: 'complete',
      evidenceOfImpact: 'Leaflet in every maternity pack since March; audit shows 94% given',
    })
    // Other statuses need no evidence.
    const other = await action(record, review.id, 'Not for us')
    await changeAndPost(coordinator, `/actions/${other.id}`, { status: 'not_accepted' }).then(r =>
      expect(r.status).toBe(302),
    )
  })

  it('refuses in the service too: no route around the rule', async () => {
    const record = await buildCase(t.services)
    const one = await action(record, null, 'Direct')
    await expect(
      t.services.actionService.update(
        one.id,
        { status: 'complete', dueDate: null, ownerOrganisation: null, evidenceOfImpact: null },
        one.version,
        { actorUserId: null, requestId: null, ip: null },
      ),
    ).rejects.toMatchObject({
      code: 'invalid',
      message: 'Enter the evidence of impact before marking the action complete',
    })
  })

  it('shows per theme the open, overdue and completed actions, with the completed ones’ evidence', async () => {
    const [a, b, c] = [await buildCase(t.services), await buildCase(t.services), await buildCase(t.services)]
    const perinatal = await finalReview(a, 8)
    const infection = await finalReview(b, 9)
    await action(a, perinatal.id, 'Overdue perinatal', { dueDate: '2020-01-01' })
    await action(a, perinatal.id, 'Open perinatal', { dueDate: '2999-01-01', status: 'in_progress' })
    await action(a, perinatal.id, 'Done perinatal', {
      status: 'complete',
      evidenceOfImpact: 'Training given to 40 midwives',
    })
    await action(b, infection.id, 'Done infection', { status: 'complete', evidenceOfImpact: 'Sepsis tool in use' })
    await action(c, null, 'Without a review', { dueDate: '2020-05-05' })
    const draft = await finalReview(c, 1, 'draft')
    await action(c, draft.id, 'A draft recommendation, not an action yet')

    const page = await coordinator.get('/actions').expect(200)
    const html = $(page.text)
    const rows = html('#themes tbody tr')
      .toArray()
      .map(tr =>
        html(tr)
          .find('th, td')
          .toArray()
          .map(cell => html(cell).clone().children('a').children('span').remove().end().end().text().trim()),
      )
    expect(rows).toEqual([
      ['8. Perinatal/neonatal event', '2', '1', '1'],
      ['9. Infection', '0', '0', '1'],
      ['No category of death recorded', '1', '1', '0'],
    ])
    const perinatalEvidence = html('.app-completed-actions[data-theme="8"]').text()
    expect(perinatalEvidence).toContain('Done perinatal')
    expect(perinatalEvidence).toContain('Training given to 40 midwives')
    expect(perinatalEvidence).not.toContain('Sepsis tool in use')
    expect(html('.app-completed-actions[data-theme="9"]').text()).toContain('Sepsis tool in use')
    expect(page.text).not.toContain('A draft recommendation')
    expect(page.text).not.toContain(a.familyName!)

    // The theme's links filter the list; an unknown theme is ignored.
    const overdue = await coordinator.get('/actions?theme=8&overdue=yes').expect(200)
    expect(textsOf(overdue.text, '#actions tbody tr td:first-child')).toEqual(['Overdue perinatal'])
    const none = await coordinator.get('/actions?theme=none').expect(200)
    expect($(none.text)('#actions tbody tr')).toHaveLength(1)
    const forged = await coordinator.get('/actions?theme=99%27%3B--').expect(200)
    expect($(forged.text)('#actions tbody tr')).toHaveLength(5)
  })
})
