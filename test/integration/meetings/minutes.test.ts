import { systemContext } from '../../../src/services/auditContext'
import { Agent } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { invite, meetingOn, onAgenda, readyCase, signedIn } from './meetingSetup'

describe('the minutes of a meeting', () => {
  let t: TestApp
  let agent: Agent
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(t.db)
    ;({ agent } = await signedIn(t))
  })
  afterAll(() => t.close())

  it('lists attendance, quorum, declarations and, per case, the decisions recorded', async () => {
    const meeting = await meetingOn(t)
    const member = await signedIn(t, ['panel_member'], 'Pat Member')
    await invite(t, meeting.id, member.user.id, 'chair')
    await t.services.meetingService.addExternal(
      meeting.id,
      { name: 'Dr Jo Expert', organisation: 'Northshire Hospital', capacity: 'paediatrician' },
      systemContext(),
    )
    const members = await t.db.models.MeetingMember.findAll({ where: { meetingId: meeting.id } })
    await t.services.meetingService.recordAttendance(
      meeting.id,
      members.map(m => ({ memberId: m.id, attended: m.userId !== null, capacity: m.capacity })),
      meeting.version,
      systemContext(),
    )
    const [reviewed, deferred, pending] = [await readyCase(t), await readyCase(t), await readyCase(t)]
    await onAgenda(t, meeting.id, reviewed, deferred, pending)
    await t.services.declarationService.declare(
      meeting.id,
      { caseId: pending.id, userId: member.user.id, description: null },
      systemContext(),
    )
    await t.db.models.AgendaItem.update({ outcome: 'reviewed' }, { where: { caseId: reviewed.id } })
    await t.db.models.AgendaItem.update({ outcome: 'deferred' }, { where: { caseId: deferred.id } })
    const review = await t.db.models.CaseReview.create({
      caseId: reviewed.id,
      meetingId: meeting.id,
      status: 'final',
      category: 9,
      modifiableFactors: 'identified',
      preventability: null,
      likelyCauseOfDeath: 'Sepsis',
      learningPoints: 'Safety-netting advice was not given in writing.',
      safeguardingReferral: false,
      lederReferral: false,
      reviewDate: '2030-06-04',
      quorumOverrideReason: 'Police representative joined by phone',
      deferralQuestions: null,
      finalisedBy: null,
      finalisedAt: new Date(),
    })
    await t.db.models.Action.create({
      caseId: reviewed.id,
      reviewId: review.id,
      description: 'Issue written safety-netting leaflets in the emergency department',
      level: 'local',
      ownerOrganisation: 'Northshire Hospital',
      dueDate: '2030-12-31',
      evidenceOfImpact: null,
    })
    await t.db.models.CaseReview.create({
      caseId: deferred.id,
      meetingId: meeting.id,
      status: 'deferred',
      category: null,
      modifiableFactors: null,
      preventability: null,
      likelyCauseOfDeath: null,
      learningPoints: null,
      safeguardingReferral: null,
      lederReferral: null,
      reviewDate: null,
      quorumOverrideReason: null,
      deferralQuestions: 'What did the school nurse know?',
      finalisedBy: null,
      finalisedAt: null,
    })

    const page = await agent.get(`/meetings/${meeting.id}/minutes`).expect(200)
    const main = $(page.text)('main').text().replace(/\s+/g, ' ')
    expect(main).toContain('Pat Member (chair)')
    expect(main).toContain('Did not attend: Dr Jo Expert')
    expect(main).toContain('The meeting was not quorate')
    expect(main).toContain(`Pat Member declared an interest in ${pending.caseRef}`)

    const html = $(page.text)
    const cards = html('.app-minutes-case')
      .toArray()
      .map(card =>
        [html(card).find('h3').text()]
          .concat(
            html(card)
              .find('.govuk-summary-list__row')
              .toArray()
              .map(row => `${html(row).find('dt').text()}: ${html(row).find('dd').text()}`),
          )
          .join('\n')
          .replace(/[ \t]*\n[ \t]*/g, '\n')
          .replace(/[ \t]+/g, ' '),
      )
    expect(cards).toHaveLength(3)
    expect(cards[0]).toContain(reviewed.caseRef)
    expect(cards[0]).toContain('Outcome: Reviewed')
    expect(cards[0]).toContain('Finalised, 4 June 2030')
    expect(cards[0]).toContain('9. Infection')
    expect(cards[0]).toContain('Modifiable factors identified')
    expect(cards[0]).toContain('Safety-netting advice was not given in writing.')
    expect(cards[0]).toContain('Police representative joined by phone')
    expect(cards[0]).toContain(
      'Issue written safety-netting leaflets in the emergency department (Local; owner: Northshire Hospital; due: 31 December 2030; open)',
    )
    expect(cards[1]).toContain(deferred.caseRef)
    expect(cards[1]).toContain('Outcome: Deferred')
    expect(cards[1]).toContain('What did the school nurse know?')
    expect(cards[2]).toContain(pending.caseRef)
    expect(cards[2]).toContain('Outcome: To be reviewed')
    expect(cards[2]).toContain('Not recorded at this meeting')
    expect(page.text).toContain('href="/meetings/print.css"')
  })

  it('shows a case taken off the agenda once, as it stands', async () => {
    const meeting = await meetingOn(t)
    const record = await readyCase(t)
    await onAgenda(t, meeting.id, record)
    const item = await t.db.models.AgendaItem.findOne({ where: { caseId: record.id } })
    await t.services.agendaService.remove(meeting.id, item!.id, systemContext())
    let page = await agent.get(`/meetings/${meeting.id}/minutes`)
    expect($(page.text)('.app-minutes-case').text()).toContain('Removed from the agenda')
    await onAgenda(t, meeting.id, record)
    page = await agent.get(`/meetings/${meeting.id}/minutes`)
    expect($(page.text)('.app-minutes-case')).toHaveLength(1)
    expect($(page.text)('.app-minutes-case').text()).toContain('To be reviewed')
  })
})
