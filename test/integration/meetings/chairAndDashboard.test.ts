import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { invite, meetingOn, onAgenda, readyCase, signedIn } from './meetingSetup'

describe('the chair and the coordinator find their way to the panel work', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('offers the chair, and only the chair, a link to record each review', async () => {
    const chair = await signedIn(t, ['panel_member'], 'Chris Chair')
    const member = await signedIn(t, ['panel_member'], 'Morgan Member')
    const record = await readyCase(t)
    const meeting = await meetingOn(t)
    await invite(t, meeting.id, chair.user.id, 'chair')
    await invite(t, meeting.id, member.user.id, 'police')
    await onAgenda(t, meeting.id, record)

    const reviewHref = `/meetings/${meeting.id}/cases/${record.id}/review`
    const chairPage = $((await chair.agent.get(`/meetings/${meeting.id}`)).text)
    expect(chairPage(`a[href="${reviewHref}"]`).text()).toContain('Record the review')
    await chair.agent.get(reviewHref).expect(200)
    const memberPage = $((await member.agent.get(`/meetings/${meeting.id}`)).text)
    expect(memberPage(`a[href="${reviewHref}"]`)).toHaveLength(0)
    await member.agent.get(reviewHref).expect(403)
  })

  it('shows the coordinator the upcoming meetings with their number of cases', async () => {
    const coordinator = await signedIn(t, ['coordinator'])
    const meeting = await meetingOn(t, '2030-06-04')
    await onAgenda(t, meeting.id, await readyCase(t), await readyCase(t))
    const home = $((await coordinator.agent.get('/')).text)
    const section = home('h2:contains("Upcoming panel meetings")').parent().text()
    expect(section).toContain('4 June 2030')
    expect(section).toContain('2 cases on the agenda')
    expect(home('main').text()).toContain('0 open actions')
  })
})
