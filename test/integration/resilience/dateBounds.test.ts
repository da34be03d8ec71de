import { buildCase } from '../../factories'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { signedIn } from '../meetings/meetingSetup'
import { changeAndPost } from '../reviews/reviewSetup'

describe('dates out of range are refused on the pages', () => {
  let t: TestApp
  beforeAll(() => {
    t = createTestApp()
  })
  beforeEach(() => resetDatabase(t.db))
  afterAll(() => t.close())

  it('a family leaflet "sent" in 2999 is refused with a message, and nothing is stored', async () => {
    const { agent } = await signedIn(t)
    const record = await buildCase(t.services)
    const response = await changeAndPost(agent, `/cases/${record.id}/edit/family`, {
      'family_leaflet_sent_on-day': '1',
      'family_leaflet_sent_on-month': '1',
      'family_leaflet_sent_on-year': '2999',
    })
    expect(response.status).toBeLessThan(500)
    expect($(response.text)('#family_leaflet_sent_on-error').text()).toMatch(/must be/)
    await record.reload()
    expect(record.familyLeafletSentOn ?? null).toBeNull()
  })

  it('meetings in 1999 and 2999 are refused', async () => {
    const { agent } = await signedIn(t)
    for (const year of ['1999', '2999']) {
      const response = await changeAndPost(agent, '/meetings/new', {
        'meeting_date-day': '4',
        'meeting_date-month': '6',
        'meeting_date-year': year,
        start_time: '10:00',
        online: 'yes',
        theme: 'general',
      })
      expect(response.status).toBeLessThan(500)
      expect($(response.text)('#meeting_date-error').text()).toMatch(/Date of the meeting must be on or (after|before)/)
    }
    expect(await t.db.models.Meeting.count()).toBe(0)
  })
})
