import { todayInLondon } from '../../../src/domain/dates'
import { buildUser, signInAs } from '../../factories'
import { Agent, csrfTokenFrom } from '../../helpers/agent'
import { $, errorSummary, fieldError } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { changeAndPost, COMPLETE, formFields, postFields, scheduleCase } from './reviewSetup'

describe('the panel’s decisions: finalise, lock, reopen and defer', () => {
  let t: TestApp
  let coordinator: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    const user = await buildUser(t.services, { roles: ['coordinator'], name: 'Casey Coordinator' })
    coordinator = await signInAs(t, user)
  })
  afterAll(() => t.close())

  /** A complete draft with a grade-2 modifiable factor and a recommendation. */
  const completeDraft = async (url: string) => {
    await changeAndPost(
      coordinator,
      url,
      {
        ...COMPLETE,
        modifiable_factors: 'identified',
        intent: 'add_factor:physical_environment',
        factor_physical_environment_description: 'Unsafe sleeping surface',
        factor_physical_environment_grade: '2',
        factor_physical_environment_modifiable: 'yes',
        recommendation_description: 'Safer sleep training for health visitors',
        recommendation_level: 'regional',
        recommendation_owner: 'Northshire ICB',
        'recommendation_due-day': '1',
        'recommendation_due-month': '6',
        'recommendation_due-year': '2099',
      },
      '#review-form',
    ).then(r => expect(r.status).toBe(302))
  }

  it('finalises a complete review: case fields and status, agenda outcome, actions, lock and audit', async () => {
    const { record, meeting, url } = await scheduleCase(t)
    await completeDraft(url)
    const toFinalise = await changeAndPost(coordinator, url, { intent: 'finalise' }, '#review-form')
    expect(toFinalise.headers.location).toBe(`${url}/finalise`)
    const check = await coordinator.get(`${url}/finalise`).expect(200)
    expect($(check.text)('#quorum-status').text()).toContain('The meeting is quorate')
    expect($(check.text)('main').text()).toContain('Its recommendation becomes an action')

    const done = await changeAndPost(coordinator, `${url}/finalise`, {})
    expect(done.status).toBe(302)
    expect(done.headers.location).toBe(url)

    // The rule changed: a review is dated the (held) meeting's date, not the day it was typed up.
    const today = meeting.meetingDate
    expect(today).not.toBe(todayInLondon(new Date()))
    await record.reload()
    expect(record).toMatchObject({
      status: 'reviewed',
      reviewDate: today,
      category: 5,
      modifiableFactors: 'identified',
    })
    const review = (await t.db.models.CaseReview.findOne({ where: { caseId: record.id } }))!
    expect(review).toMatchObject({
      status: 'final',
      reviewDate: today,
      meetingId: meeting.id,
      quorumOverrideReason: null,
    })
    expect(review.finalisedBy).not.toBeNull()
    expect(review.finalisedAt).toBeInstanceOf(Date)
    const item = await t.db.models.AgendaItem.findOne({ where: { meetingId: meeting.id, caseId: record.id } })
    expect(item!.outcome).toBe('reviewed')
    const history = await t.db.models.CaseStatusChange.findOne({ where: { caseId: record.id, toStatus: 'reviewed' } })
    expect(history).toMatchObject({ fromStatus: 'scheduled' })

    const actions = await t.db.models.Action.findAll({ where: { caseId: record.id } })
    expect(actions.map(a => [a.description, a.level, a.status, a.reviewId])).toEqual([
      ['Safer sleep training for health visitors', 'regional', 'open', review.id],
    ])
    const list = await coordinator.get('/actions')
    expect(list.text).toContain('Safer sleep training for health visitors')

    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'review_finalised', entityId: record.id } })
    expect(audit!.details).toMatchObject({
      reviewId: review.id,
      meetingId: meeting.id,
      reviewDate: today,
      quorate: true,
    })
    expect(await t.db.models.AuditEvent.count({ where: { action: 'review_quorum_overridden' } })).toBe(0)

    // Locked: shown read-only, with the actions; every post is refused with a clear page.
    const shown = await coordinator.get(url).expect(200)
    expect($(shown.text)('#review-status').text()).toBe('Finalised')
    expect($(shown.text)('#review-form').length).toBe(0)
    expect($(shown.text)('#actions').next('table').text()).toContain('Safer sleep training for health visitors')
    const posted = await postFields(coordinator, url, {
      _csrf: csrfTokenFrom(shown.text),
      version: String(review.version),
      category: '1',
    })
    expect(posted.status).toBe(409)
    expect($(posted.text)('h1').text()).toBe('This review cannot be changed')
    await review.reload()
    expect(review.category).toBe(5)
    const caseTimeline = await coordinator.get(`/cases/${record.id}`)
    expect(caseTimeline.text).toContain('Panel review finalised')
  })

  it('refuses to finalise an incomplete review, saying what is missing', async () => {
    const { record, url } = await scheduleCase(t)
    await changeAndPost(coordinator, url, { category: '5' }, '#review-form')
    const check = await coordinator.get(`${url}/finalise`)
    expect($(check.text)('#review-problems').text()).toContain('Select the agencies represented')
    expect($(check.text)('#review-problems a').first().attr('href')).toBe(`${url}#agencies_present`)
    const version = (await t.db.models.CaseReview.findOne({ where: { caseId: record.id } }))!.version
    const posted = await postFields(coordinator, `${url}/finalise`, {
      _csrf: csrfTokenFrom(check.text),
      version: String(version),
    })
    expect(posted.status).toBe(400)
    expect(errorSummary(posted.text).map(([, text]) => text)).toEqual([
      'Select the agencies represented when the panel reviewed the case',
      'Select whether the panel identified modifiable factors',
    ])
    await record.reload()
    expect(record.status).toBe('scheduled')
  })

  it('finalises in a meeting that is not quorate only with the override and a reason, and audits it', async () => {
    const { record, url } = await scheduleCase(t, { attendees: ['chair', 'police', 'lay_member'] })
    await completeDraft(url)
    const check = await coordinator.get(`${url}/finalise`)
    expect($(check.text)('#quorum-status').text()).toMatch(/3 people recorded as attending: 2 more needed/)
    expect($(check.text)('#quorum-status').text()).toContain(
      "Nobody attended as: Paediatrician, Children's social care",
    )

    const without = await changeAndPost(coordinator, `${url}/finalise`, {})
    expect(without.status).toBe(400)
    expect(errorSummary(without.text).map(([href]) => href)).toEqual(['#quorum_override', '#quorum_override_reason'])
    const noReason = await changeAndPost(coordinator, `${url}/finalise`, { quorum_override: 'yes' })
    expect(noReason.status).toBe(400)
    expect(fieldError(noReason.text, 'quorum_override_reason')).toBe(
      'Give the reason for finalising although the meeting is not quorate',
    )
    await record.reload()
    expect(record.status).toBe('scheduled')

    const overridden = await changeAndPost(coordinator, `${url}/finalise`, {
      quorum_override: 'yes',
      quorum_override_reason: 'Paediatric advice given in writing; family waiting for the outcome',
    })
    expect(overridden.status).toBe(302)
    await record.reload()
    expect(record.status).toBe('reviewed')
    const review = (await t.db.models.CaseReview.findOne({ where: { caseId: record.id } }))!
    expect(review.quorumOverrideReason).toBe('Paediatric advice given in writing; family waiting for the outcome')
    const audit = await t.db.models.AuditEvent.findOne({
      where: { action: 'review_quorum_overridden', entityId: record.id },
    })
    expect(audit!.details).toMatchObject({
      reviewId: review.id,
      shortBy: 2,
      missingCapacities: ['paediatrician', 'social_care'],
    })
    const shown = await coordinator.get(url)
    expect($(shown.text)('.govuk-warning-text').text()).toContain('not quorate')
  })

  it('reopens a finalised review through the case status page, then starts a new draft that supersedes it', async () => {
    const first = await scheduleCase(t)
    await completeDraft(first.url)
    await changeAndPost(coordinator, `${first.url}/finalise`, {}).then(r => expect(r.status).toBe(302))
    const { record } = first

    const reopened = await changeAndPost(coordinator, `/cases/${record.id}/status`, {
      to: 'information_gathering',
      reason: 'New evidence from the inquest',
    })
    expect(reopened.status).toBe(302)
    await record.reload()
    expect(record).toMatchObject({ status: 'information_gathering', reviewDate: null, category: null })
    const reopenAudit = await t.db.models.AuditEvent.findOne({
      where: { action: 'case_status_changed', entityId: record.id },
      order: [['id', 'DESC']],
    })
    expect(reopenAudit!.details).toMatchObject({ from: 'reviewed', to: 'information_gathering' })

    // Back to panel at a later meeting.
    const second = await scheduleCase(t, { record, meetingDate: '2026-03-10' })
    const page = await coordinator.get(second.url).expect(200)
    const reviews = await t.db.models.CaseReview.findAll({
      where: { caseId: record.id },
      order: [['createdAt', 'ASC']],
    })
    expect(reviews.map(r => r.status)).toEqual(['superseded', 'draft'])
    expect(reviews[1].meetingId).toBe(second.meeting.id)
    // The panel picks up where it left off: answers and factors carried into the new draft, not the actions.
    expect(formFields(page.text, '#review-form')).toMatchObject({ category: '5', modifiable_factors: 'identified' })
    expect($(page.text)('#factors-physical_environment').text()).toContain('Unsafe sleeping surface')
    expect(await t.db.models.Action.count({ where: { caseId: record.id } })).toBe(1)
    expect(await t.db.models.AuditEvent.count({ where: { action: 'review_superseded', entityId: record.id } })).toBe(1)

    const old = await coordinator.get(first.url).expect(200)
    expect($(old.text)('#review-status').text()).toBe('Superseded')

    // Who was present is the new meeting's to record.
    expect(formFields(page.text, '#review-form').agencies_present).toBeUndefined()
    await changeAndPost(coordinator, second.url, { agencies_present: ['police'] }, '#review-form')
    await changeAndPost(coordinator, `${second.url}/finalise`, {}).then(r => expect(r.status).toBe(302))
    await record.reload()
    expect(record.status).toBe('reviewed')
    expect((await t.db.models.CaseReview.findAll({ where: { caseId: record.id } })).map(r => r.status).sort()).toEqual([
      'final',
      'superseded',
    ])
  })

  it('defers a case with the panel’s questions, back to information gathering', async () => {
    const { record, meeting, url } = await scheduleCase(t)
    await changeAndPost(coordinator, url, { category: '9', intent: 'defer' }, '#review-form').then(r =>
      expect(r.headers.location).toBe(`${url}/defer`),
    )
    const empty = await changeAndPost(coordinator, `${url}/defer`, { questions: '  ' })
    expect(empty.status).toBe(400)
    expect(fieldError(empty.text, 'questions')).toBe('Enter the questions the panel needs answered')

    const questions = 'Was the GP aware of the earlier admission?\nWhat did the post-mortem find?'
    const deferred = await changeAndPost(coordinator, `${url}/defer`, { questions })
    expect(deferred.status).toBe(302)
    await record.reload()
    expect(record.status).toBe('information_gathering')
    const change = await t.db.models.CaseStatusChange.findOne({
      where: { caseId: record.id, toStatus: 'information_gathering' },
    })
    expect(change).toMatchObject({ fromStatus: 'scheduled', reason: questions })
    const review = (await t.db.models.CaseReview.findOne({ where: { caseId: record.id } }))!
    expect(review).toMatchObject({ status: 'deferred', deferralQuestions: questions, category: 9 })
    const item = await t.db.models.AgendaItem.findOne({ where: { meetingId: meeting.id, caseId: record.id } })
    expect(item!.outcome).toBe('deferred')
    expect(await t.db.models.AuditEvent.count({ where: { action: 'review_deferred', entityId: record.id } })).toBe(1)

    const shown = await coordinator.get(url)
    expect($(shown.text)('#review-status').text()).toBe('Deferred')
    expect($(shown.text)('#deferral-questions').text()).toBe(questions)
    const again = await postFields(coordinator, `${url}/defer`, {
      _csrf: csrfTokenFrom(shown.text),
      version: String(review.version),
      questions: 'Again',
    })
    expect(again.status).toBe(409)
  })
})
