import { buildCase } from '../../factories'
import { csrfTokenFrom } from '../../helpers/agent'
import { $, errorSummary } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { signedIn } from '../meetings/meetingSetup'
import { changeAndPost, postFields } from '../reviews/reviewSetup'

describe('the letter to the family, and whether their questions were answered', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  const reviewedCase = async (givenNames: string, learning: string) => {
    const record = await buildCase(t.services, { givenNames, keyWorker: 'Alex Jones, 01234 567890' })
    await t.db.models.Case.update(
      { status: 'reviewed', reviewDate: '2025-12-10', category: 9, modifiableFactors: 'identified' },
      { where: { id: record.id } },
    )
    await t.db.models.CaseReview.create({
      caseId: record.id,
      meetingId: null,
      status: 'final',
      category: 9,
      modifiableFactors: 'identified',
      preventability: null,
      likelyCauseOfDeath: null,
      learningPoints: learning,
      safeguardingReferral: false,
      lederReferral: false,
      reviewDate: '2025-12-10',
      quorumOverrideReason: null,
      deferralQuestions: null,
      finalisedBy: null,
      finalisedAt: new Date(),
    })
    return record.reload()
  }

  it('drafts the letter from this case’s review, saves it with locking, audits, and prints it without navigation', async () => {
    const { agent } = await signedIn(t)
    const record = await reviewedCase('Robin', 'Written safety-netting advice for feverish babies.')
    const other = await reviewedCase('Jordan', 'Another family’s learning.')
    const url = `/cases/${record.id}/family-letter`
    const page = await agent.get(url).expect(200)
    const draft = $(page.text)('#body').text()
    expect(draft).toContain('reviewed the death of Robin. The panel met on 10 December 2025.')
    expect(draft).toContain('an infection')
    expect(draft).toContain('Written safety-netting advice for feverish babies.')
    expect(draft).toContain('please contact Alex Jones, 01234 567890, your key worker.')
    // Never another family's data.
    expect(page.text).not.toContain('Jordan')
    expect(page.text).not.toContain('Another family')
    expect(page.text).not.toContain(other.familyName!)

    const empty = await changeAndPost(agent, url, { body: '  ' })
    expect(empty.status).toBe(400)
    expect(errorSummary(empty.text)).toEqual([['#body', 'Enter the letter']])
    const tooLong = await changeAndPost(agent, url, { body: 'x'.repeat(50_001) })
    expect(tooLong.status).toBe(400)
    expect(errorSummary(tooLong.text)[0][1]).toBe('The letter must be 50,000 characters or fewer')

    const opened = await agent.get(url)
    const saved = await changeAndPost(agent, url, { body: `${draft}\n\nP.S. Edited by the coordinator.` })
    expect(saved.status).toBe(302)
    const letter = (await t.db.models.FamilyLetter.findOne({ where: { caseId: record.id } }))!
    expect(letter.body).toContain('P.S. Edited by the coordinator.')
    // A second editor on the page opened before that save is told, and keeps what they typed.
    const stale = await postFields(agent, url, {
      _csrf: csrfTokenFrom(opened.text),
      version: 'none',
      body: 'My version',
    })
    expect(stale.status).toBe(409)
    expect($(stale.text)('#body').text().trim()).toBe('My version')
    expect($(stale.text)('#conflict').text()).toContain('P.S. Edited by the coordinator.')
    await letter.reload()
    expect(letter.body).toContain('P.S. Edited by the coordinator.')
    await postFields(agent, url, { _csrf: csrfTokenFrom(opened.text), body: 'no version' }).then(r =>
      expect(r.status).toBe(400),
    )

    const printed = await agent.get(`${url}/print`).expect(200)
    expect($(printed.text)('#letter').text()).toContain('P.S. Edited by the coordinator.')
    expect($(printed.text)('header, nav, .govuk-header, .govuk-service-navigation')).toHaveLength(0)
    expect($(printed.text)('link[href="/meetings/print.css"]')).toHaveLength(1)
    const actions = (await t.db.models.AuditEvent.findAll({ where: { entityId: record.id } })).map(a => a.action)
    expect(actions).toEqual(expect.arrayContaining(['family_letter_viewed', 'family_letter_drafted']))
  })

  it('offers no letter before the review, and is for coordinators only', async () => {
    const { agent } = await signedIn(t)
    const record = await buildCase(t.services)
    const page = await agent.get(`/cases/${record.id}/family-letter`).expect(200)
    expect($(page.text)('#not-reviewed').text()).toContain('once the panel has finalised its review')
    const refused = await postFields(agent, `/cases/${record.id}/family-letter`, {
      _csrf: csrfTokenFrom((await agent.get(`/cases/${record.id}`)).text),
      version: 'none',
      body: 'Too early',
    })
    expect(refused.status).toBe(400)
    expect(await t.db.models.FamilyLetter.count()).toBe(0)
    await agent.get('/cases/00000000-0000-4000-8000-000000000000/family-letter').expect(404)
    const member = await signedIn(t, ['panel_member'])
    await member.agent.get(`/cases/${record.id}/family-letter`).expect(403)
  })

  it('records yes or no, and the date, of the family’s questions being answered, shown in the family section', async () => {
    const { agent } = await signedIn(t)
    const record = await buildCase(t.services)
    const caseUrl = `/cases/${record.id}`
    const noDate = await changeAndPost(agent, caseUrl, { family_questions_answered: 'yes' }, '#family-questions-form')
    expect(noDate.status).toBe(400)
    expect(errorSummary(noDate.text)[0][1]).toBe('Enter the date the family’s questions were answered')
    const future = await changeAndPost(
      agent,
      caseUrl,
      {
        family_questions_answered: 'yes',
        'family_questions_answered_on-day': '1',
        'family_questions_answered_on-month': '1',
        'family_questions_answered_on-year': '2999',
      },
      '#family-questions-form',
    )
    expect(future.status).toBe(400)
    expect($(future.text)('#family_questions_answered_on-year').val()).toBe('2999')
    const forged = await changeAndPost(agent, caseUrl, { family_questions_answered: 'maybe' }, '#family-questions-form')
    expect(errorSummary(forged.text)[0][1]).toBe('Select whether the family’s questions were answered')

    const done = await changeAndPost(
      agent,
      caseUrl,
      {
        family_questions_answered: 'yes',
        'family_questions_answered_on-day': '4',
        'family_questions_answered_on-month': '6',
        'family_questions_answered_on-year': '2026',
      },
      '#family-questions-form',
    )
    expect(done.status).toBe(302)
    await record.reload()
    expect(record).toMatchObject({ familyQuestionsAnswered: true, familyQuestionsAnsweredOn: '2026-06-04' })
    const shown = await agent.get(caseUrl)
    expect($(shown.text)('#section-family #family-questions-answered').text()).toContain('Yes, on 4 June 2026')
    const audit = await t.db.models.AuditEvent.findOne({
      where: { action: 'family_questions_answer_recorded', entityId: record.id },
    })
    expect(audit!.details).toEqual({ answered: true, on: '2026-06-04' })
  })
})
