import paths, { route } from '../../../src/paths'

describe('the route table', () => {
  it('keeps each pattern beside the builder that fills it', () => {
    expect(paths.cases.edit.pattern).toBe('/cases/:caseId/edit/:section')
    expect(paths.cases.edit('c1', 'death')).toBe('/cases/c1/edit/death')
    expect(paths.cases.edit.build('c1', 'death')).toBe('/cases/c1/edit/death')
    expect(paths.reviews.defer('m1', 'c1')).toBe('/meetings/m1/cases/c1/review/defer')
    expect(paths.agencyRequests.close('c1', 'r1', 'not-involved')).toBe('/cases/c1/requests/r1/not-involved')
  })

  it('escapes what it is given, so a value never reaches another route', () => {
    expect(paths.cases.show('../admin')).toBe('/cases/..%2Fadmin')
    expect(paths.actions.show('a?b#c')).toBe('/actions/a%3Fb%23c')
  })

  it('fixes some params of a pattern for a router that serves each value', () => {
    expect(paths.admin.userInvitation.patternWith({ change: 'resend' })).toBe('/admin/users/:userId/invitation/resend')
    expect(paths.admin.userInvitation('u1', 'revoke')).toBe('/admin/users/u1/invitation/revoke')
  })

  it('builds a pattern without params as itself', () => {
    const fixed = route('/statistics')
    expect(fixed.pattern).toBe('/statistics')
    expect(fixed()).toBe('/statistics')
  })

  it('names the params the routers load', () => {
    const names = (pattern: string) => pattern.match(/:[A-Za-z]+/g) ?? []
    expect(names(paths.meetings.declareInterest.pattern)).toEqual([':meetingId', ':caseId'])
    expect(names(paths.agencyRequests.paper.pattern)).toEqual([':caseId', ':requestId'])
    expect(names(paths.jarEvents.remove.pattern)).toEqual([':caseId', ':eventId'])
  })
})
