import { buildUser, signInAs } from '../../factories'
import { Agent, csrfTokenFrom } from '../../helpers/agent'
import { $, errorSummary, fieldError } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { changeAndPost, COMPLETE, formFields, invite, postFields, scheduleCase } from './reviewSetup'

describe('recording the panel review as a draft', () => {
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

  const draftOf = (caseId: string) => t.db.models.CaseReview.findOne({ where: { caseId, status: 'draft' } })

  it('starts a draft when opened, shows the form by case reference only, and saves and reloads every answer', async () => {
    const { record, url } = await scheduleCase(t)
    const page = await coordinator.get(url).expect(200)
    const main = $(page.text)('main').text()
    expect(main).toContain(`Case ${record.caseRef}`)
    expect(main).not.toContain(record.familyName!)
    // Each category has its guidance note as its hint.
    expect($(page.text)('#category-5-item-hint').text()).toContain('Kawasaki disease')
    expect($(page.text)('#category-item-hint').text()).toContain('probable or definite homicide')
    expect(await t.db.models.AuditEvent.count({ where: { action: 'review_started', entityId: record.id } })).toBe(1)

    const saved = await changeAndPost(coordinator, url, { ...COMPLETE, intent: 'save' }, '#review-form')
    expect(saved.status).toBe(302)
    expect(saved.headers.location).toBe(url)
    const draft = (await draftOf(record.id))!
    expect(draft).toMatchObject({
      agenciesPresent: ['hospital_paediatrics', 'police', 'childrens_social_care'],
      category: 5,
      modifiableFactors: 'not_identified',
      likelyCauseOfDeath: 'Sepsis',
      safeguardingReferral: false,
      lederReferral: false,
      version: 1,
    })
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'review_draft_saved', entityId: draft.id } })
    expect(audit!.details).toMatchObject({ channel: 'form', caseId: record.id })
    expect(JSON.stringify(audit!.details)).not.toContain('Sepsis') // field names only

    const reloaded = await coordinator.get(url)
    expect($(reloaded.text)('.govuk-notification-banner').text()).toMatch(
      /Draft saved at \d{1,2}(:\d\d)?(am|pm)|midday|midnight/,
    )
    const fields = formFields(reloaded.text, '#review-form')
    expect(fields).toMatchObject({ ...COMPLETE, version: '1' })
    // Opening it again carries on with the same draft.
    expect(await t.db.models.CaseReview.count({ where: { caseId: record.id } })).toBe(1)
  })

  it('lists the errors in the order of the page, whatever order they were read in', async () => {
    const { url } = await scheduleCase(t)
    const refused = await changeAndPost(
      coordinator,
      url,
      {
        agencies_present: ['forged'],
        category: '99',
        learning_points: 'x'.repeat(20_001),
        // A factor half typed in the last domain and one in the first, read after the answers.
        factor_service_provision_grade: '2',
        factor_child_description: 'Asthma',
        recommendation_level: 'forged',
        intent: 'save',
      },
      '#review-form',
    )
    expect(refused.status).toBe(400)
    const hrefs = errorSummary(refused.text).map(([href]) => href)
    expect(hrefs).toEqual([
      '#agencies_present',
      '#factor_child_grade',
      '#factor_child_modifiable',
      '#factor_service_provision_description',
      '#factor_service_provision_modifiable',
      '#category',
      '#learning_points',
      '#recommendation_description',
      '#recommendation_level',
    ])
    // The same order as the fields stand on the page, each link to a field that is there.
    const page = $(refused.text)
    const positions = new Map(
      page('[id]')
        .toArray()
        .map((element, i) => [`#${page(element).attr('id')}`, i]),
    )
    expect(hrefs.every(href => positions.has(href))).toBe(true)
    const onPage = hrefs.map(href => positions.get(href)!)
    expect(onPage).toEqual([...onPage].sort((a, b) => a - b))
  })

  it('adds factors per domain and removes them, saving the rest of the form each time', async () => {
    const { record, url } = await scheduleCase(t)
    const missing = await changeAndPost(coordinator, url, { intent: 'add_factor:social_environment' }, '#review-form')
    expect(missing.status).toBe(400)
    expect(errorSummary(missing.text).map(([href]) => href)).toEqual([
      '#factor_social_environment_description',
      '#factor_social_environment_grade',
      '#factor_social_environment_modifiable',
    ])

    const added = await changeAndPost(
      coordinator,
      url,
      {
        likely_cause_of_death: 'Typed before adding a factor',
        intent: 'add_factor:social_environment',
        factor_social_environment_description: 'Smoking in the household',
        factor_social_environment_grade: '2',
        factor_social_environment_modifiable: 'yes',
      },
      '#review-form',
    )
    expect(added.status).toBe(302)
    expect(added.headers.location).toBe(`${url}#factors-social_environment`)
    await changeAndPost(
      coordinator,
      url,
      {
        intent: 'add_factor:social_environment',
        factor_social_environment_description: 'Co-sleeping',
        factor_social_environment_grade: '1',
        factor_social_environment_modifiable: 'no',
      },
      '#review-form',
    ).then(r => expect(r.status).toBe(302))

    const draft = (await draftOf(record.id))!
    expect(draft.likelyCauseOfDeath).toBe('Typed before adding a factor')
    const factors = await t.db.models.ContributoryFactor.findAll({
      where: { reviewId: draft.id },
      order: [['position', 'ASC']],
    })
    expect(factors.map(f => [f.domain, f.description, f.grade, f.modifiable])).toEqual([
      ['social_environment', 'Smoking in the household', 2, true],
      ['social_environment', 'Co-sleeping', 1, false],
    ])

    const page = await coordinator.get(url)
    const domain = $(page.text)('#factors-social_environment')
    expect(domain.text()).toContain('Smoking in the household')
    expect(domain.text()).toContain('Highest grade in this domain: 2')
    expect(domain.find('textarea').text()).toBe('') // the add fields are empty again

    const removed = await changeAndPost(coordinator, url, { intent: `remove_factor:${factors[0].id}` }, '#review-form')
    expect(removed.status).toBe(302)
    const left = await t.db.models.ContributoryFactor.findAll({ where: { reviewId: draft.id } })
    expect(left.map(f => f.description)).toEqual(['Co-sleeping'])
  })

  it('adds and removes recommendations, which are not live actions while the review is a draft', async () => {
    const { record, url } = await scheduleCase(t)
    const added = await changeAndPost(
      coordinator,
      url,
      {
        intent: 'add_recommendation',
        recommendation_description: 'Safer sleep messages at the 6-week check',
        recommendation_level: 'local',
        recommendation_owner: 'Northshire health visiting',
        'recommendation_due-day': '31',
        'recommendation_due-month': '12',
        'recommendation_due-year': '2099',
      },
      '#review-form',
    )
    expect(added.status).toBe(302)
    expect(added.headers.location).toBe(`${url}#recommendations`)
    const [action] = await t.db.models.Action.findAll({ where: { caseId: record.id } })
    expect(action).toMatchObject({
      level: 'local',
      ownerOrganisation: 'Northshire health visiting',
      dueDate: '2099-12-31',
    })
    const list = await coordinator.get('/actions')
    expect(list.text).not.toContain('Safer sleep messages')

    await changeAndPost(coordinator, url, { intent: `remove_recommendation:${action.id}` }, '#review-form').then(r =>
      expect(r.status).toBe(302),
    )
    expect(await t.db.models.Action.count({ where: { caseId: record.id } })).toBe(0)
  })

  it('refuses "modifiable factors identified" without a grade-2 modifiable factor, keeping what was typed', async () => {
    const { record, url } = await scheduleCase(t)
    const refused = await changeAndPost(
      coordinator,
      url,
      {
        modifiable_factors: 'identified',
        learning_points: 'Keep this text',
        factor_child_description: 'Asthma',
        factor_child_grade: '2',
        factor_child_modifiable: 'no',
      },
      '#review-form',
    )
    expect(refused.status).toBe(400)
    expect(fieldError(refused.text, 'modifiable_factors')).toMatch(/graded 2 and marked modifiable/)
    expect($(refused.text)('#learning_points').text()).toBe('Keep this text')
    expect($(refused.text)('#factor_child_description').text()).toBe('Asthma')
    expect($(refused.text)('input[name=modifiable_factors][value=identified]').attr('checked')).toBeDefined()
    const draft = (await draftOf(record.id))!
    expect(draft.modifiableFactors).toBeNull()
    expect(await t.db.models.ContributoryFactor.count({ where: { reviewId: draft.id } })).toBe(0)

    const accepted = await changeAndPost(
      coordinator,
      url,
      {
        modifiable_factors: 'identified',
        factor_child_description: 'Asthma poorly controlled',
        factor_child_grade: '2',
        factor_child_modifiable: 'yes',
      },
      '#review-form',
    )
    expect(accepted.status).toBe(302)
    await draft.reload()
    expect(draft.modifiableFactors).toBe('identified')

    // Removing the only factor that allows it is refused too.
    const [factor] = await t.db.models.ContributoryFactor.findAll({ where: { reviewId: draft.id } })
    const removal = await changeAndPost(coordinator, url, { intent: `remove_factor:${factor.id}` }, '#review-form')
    expect(removal.status).toBe(400)
    expect(await t.db.models.ContributoryFactor.count({ where: { reviewId: draft.id } })).toBe(1)
  })

  it('refuses a save on top of someone else’s, shows what they changed, and keeps the second person’s input', async () => {
    const { record, meeting, url } = await scheduleCase(t)
    const chairUser = await buildUser(t.services, { roles: ['panel_member'], name: 'Chris Chair' })
    await invite(t, meeting.id, chairUser.id, 'chair')
    const chair = await signInAs(t, chairUser)

    // Both open the review at the same version.
    const coordinatorFields = formFields((await coordinator.get(url)).text, '#review-form')
    const chairFields = formFields((await chair.get(url)).text, '#review-form')
    expect(coordinatorFields.version).toBe(chairFields.version)

    await postFields(coordinator, url, {
      ...coordinatorFields,
      category: '9',
      learning_points: 'Coordinator notes',
    }).then(r => expect(r.status).toBe(302))
    const stale = await postFields(chair, url, { ...chairFields, category: '5', learning_points: 'Chair notes' })
    expect(stale.status).toBe(409)
    expect(errorSummary(stale.text)[0][1]).toMatch(/Someone else saved this review/)
    const conflict = $(stale.text)('#conflict').text()
    expect(conflict).toContain('9. Infection')
    expect(conflict).toContain('5. Acute medical or surgical condition')
    expect($(stale.text)('#learning_points').text()).toBe('Chair notes')
    expect($(stale.text)('input[name=category][value="5"]').attr('checked')).toBeDefined()

    const draft = (await draftOf(record.id))!
    expect(draft).toMatchObject({ category: 9, learningPoints: 'Coordinator notes' })

    // Saving again from the conflict page applies the chair's answers on top.
    const again = await postFields(chair, url, formFields(stale.text, '#review-form'))
    expect(again.status).toBe(302)
    await draft.reload()
    expect(draft).toMatchObject({ category: 5, learningPoints: 'Chair notes' })
  })

  it('autosaves the text answers through a JSON endpoint that needs the CSRF token in its header', async () => {
    const { record, url } = await scheduleCase(t)
    const page = await coordinator.get(url)
    const token = csrfTokenFrom(page.text)
    const fields = formFields(page.text, '#review-form')
    expect($(page.text)('#review-form').attr('data-autosave-url')).toBe(`${url}/autosave`)
    expect($(page.text)('script[src="/js/review-autosave.js"]').attr('type')).toBe('module')

    const forged = await coordinator
      .post(`${url}/autosave`)
      .set('Accept', 'application/json')
      .send({ version: Number(fields.version), learning_points: 'Forged' })
    expect(forged.status).toBe(403)
    expect((await draftOf(record.id))!.learningPoints).toBeNull()

    const saved = await coordinator
      .post(`${url}/autosave`)
      .set('Accept', 'application/json')
      .set('X-CSRF-Token', token)
      .send({ version: Number(fields.version), learning_points: 'Typed in the meeting', likely_cause_of_death: 'SUDI' })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ status: 'saved', version: Number(fields.version) + 1 })
    expect(saved.body.savedAt).toMatch(/^(\d{1,2}(:\d\d)?(am|pm)|midday|midnight)$/)
    const draft = (await draftOf(record.id))!
    expect(draft).toMatchObject({ learningPoints: 'Typed in the meeting', likelyCauseOfDeath: 'SUDI' })
    const audit = await t.db.models.AuditEvent.findOne({ where: { action: 'review_draft_saved', entityId: draft.id } })
    expect(audit!.details).toMatchObject({ channel: 'autosave', fields: ['likelyCauseOfDeath', 'learningPoints'] })

    const stale = await coordinator
      .post(`${url}/autosave`)
      .set('Accept', 'application/json')
      .set('X-CSRF-Token', token)
      .send({ version: Number(fields.version), learning_points: 'From an old page' })
    expect(stale.status).toBe(409)
    expect(stale.body.status).toBe('conflict')
    await draft.reload()
    expect(draft.learningPoints).toBe('Typed in the meeting')

    const tooLong = await coordinator
      .post(`${url}/autosave`)
      .set('Accept', 'application/json')
      .set('X-CSRF-Token', token)
      .send({ version: draft.version, likely_cause_of_death: 'x'.repeat(3000) })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.message).toMatch(/2,000 characters or fewer/)
  })

  it('answers 404 for a case not on the meeting’s agenda and for malformed ids', async () => {
    const { meeting, url } = await scheduleCase(t)
    const other = await scheduleCase(t)
    await coordinator.get(`/meetings/${meeting.id}/cases/${other.record.id}/review`).expect(404)
    await coordinator.get(`/meetings/not-a-uuid/cases/${other.record.id}/review`).expect(404)
    await coordinator.get(url).expect(200)
  })
})
