import { submitForm } from '../helpers/agent'
import { notificationFields } from '../helpers/caseForms'
import { $, errorSummary, fieldError } from '../helpers/html'
import { createRouteApp } from '../helpers/routeApp'

/** The notification form's validation and redirects, on mocked services (no database). */
describe('notifying a death (route layer)', () => {
  const setUp = async () => {
    const routeApp = createRouteApp()
    routeApp.services.caseService.today.mockReturnValue('2025-11-05')
    const { agent } = await routeApp.signedIn(['coordinator'])
    return { ...routeApp, agent }
  }

  it('goes on to the check page with a complete form, creating nothing yet', async () => {
    const { agent, services } = await setUp()
    const posted = await submitForm(agent, '/cases/notify', notificationFields())
    expect(posted.status).toBe(302)
    expect(posted.headers.location).toBe('/cases/notify/check')
    expect(services.caseService.notify).not.toHaveBeenCalled()
  })

  it('keeps every value typed and explains each mistake beside its field', async () => {
    const { agent, services } = await setUp()
    const response = await submitForm(
      agent,
      '/cases/notify',
      notificationFields({ sex: '', expected: 'perhaps', 'date_of_death-year': '2099', family_name: 'x'.repeat(201) }),
    )
    expect(response.status).toBe(400)
    const summary = errorSummary(response.text).map(([href]) => href)
    expect(summary).toEqual(expect.arrayContaining(['#sex', '#expected', '#family_name']))
    expect(summary.some(href => href.startsWith('#date_of_death'))).toBe(true)
    expect(fieldError(response.text, 'sex')).toBeTruthy()
    // What was typed comes back, wrong or not.
    expect($(response.text)('#given_names').val()).toBe('Alex')
    expect($(response.text)('#family_name').val()).toBe('x'.repeat(201))
    expect(services.caseService.notify).not.toHaveBeenCalled()
  })

  it('refuses the form to a panel member and sends the cancel button back to the list', async () => {
    const routeApp = createRouteApp()
    routeApp.services.caseService.today.mockReturnValue('2025-11-05')
    const member = await routeApp.signedIn(['panel_member'])
    expect((await member.agent.get('/cases/notify')).status).toBe(403)
    const { agent } = await routeApp.signedIn(['coordinator'])
    const page = await agent.get('/cases/notify').expect(200)
    expect($(page.text)('main form').length).toBeGreaterThan(0)
  })
})
