import { Agent, submitForm } from '../../helpers/agent'
import { $ } from '../../helpers/html'
import { createTestApp, resetDatabase, TestApp } from '../../helpers/testApp'
import { invite, meetingOn, onAgenda, readyCase, signedIn } from './meetingSetup'

describe("the panel's anonymised summary of a case", () => {
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

  it('is written in the circumstances section of the case, with a warning, and not on the notification form', async () => {
    const record = await readyCase(t)
    const form = await agent.get(`/cases/${record.id}/edit/circumstances`).expect(200)
    expect($(form.text)('label[for=anonymised_circumstances]').text().trim()).toBe('Anonymised summary for the panel')
    expect($(form.text)('#anonymised_circumstances-hint').text()).toMatch(
      /what panel members see.*Do not include anything that could identify the child or family/,
    )
    const saved = await submitForm(agent, `/cases/${record.id}/edit/circumstances`, {
      circumstances: 'Identifiable account',
      anonymised_circumstances: 'A toddler collapsed at home in the evening.',
      version: String(record.version),
    })
    expect(saved.status).toBe(302)
    await record.reload()
    expect(record.anonymisedCircumstances).toBe('A toddler collapsed at home in the evening.')

    const notify = await agent.get('/cases/notify').expect(200)
    expect($(notify.text)('#anonymised_circumstances')).toHaveLength(0)
  })

  it('is what panel members read in the pack, instead of the circumstances', async () => {
    const record = await readyCase(t, { circumstances: 'Only for the coordinator' })
    await t.db.models.Case.update(
      { anonymisedCircumstances: 'A toddler collapsed at home in the evening.' },
      { where: { id: record.id } },
    )
    const meeting = await meetingOn(t)
    await onAgenda(t, meeting.id, record)
    const member = await signedIn(t, ['panel_member'])
    await invite(t, meeting.id, member.user.id)
    const pack = await member.agent.get(`/meetings/${meeting.id}/cases/${record.id}/pack`).expect(200)
    expect(pack.text).toContain('A toddler collapsed at home in the evening.')
    expect(pack.text).not.toContain('Only for the coordinator')
  })
})
