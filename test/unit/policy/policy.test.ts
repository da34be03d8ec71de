import type { NextFunction, Request, Response } from 'express'
import { roles, type Role } from '../../../src/domain/codes'
import { can, capabilities, CAPABILITIES, type Capability } from '../../../src/domain/policy'
import requireCapability from '../../../src/middleware/requireCapability'
import { navigationFor } from '../../../src/views/navigation'

const person = (...held: Role[]): Express.User => ({ id: 'u1', name: 'P', email: 'p@example.org', roles: held })

/** The whole access policy, written out: a change to who may do what must change this table too. */
const MATRIX: Record<Capability, Role[]> = {
  useService: ['admin', 'coordinator', 'panel_member', 'public_health'],
  viewCases: ['admin', 'coordinator'],
  editCase: ['admin', 'coordinator'],
  manageAgencyRequests: ['admin', 'coordinator'],
  importCaseHistory: ['admin', 'coordinator'],
  viewOutbox: ['admin', 'coordinator'],
  readAccountMessages: ['admin'],
  manageActions: ['admin', 'coordinator'],
  attendMeetings: ['admin', 'coordinator', 'panel_member'],
  manageMeetings: ['admin', 'coordinator'],
  sitOnPanel: ['panel_member'],
  reviewCase: ['admin', 'coordinator', 'panel_member'],
  viewPublishedStatistics: ['admin', 'coordinator', 'public_health'],
  viewLiveStatistics: ['admin', 'coordinator'],
  publishStatistics: ['admin', 'coordinator'],
  prepareAnnualReport: ['admin', 'coordinator'],
  administerStatistics: ['admin'],
  administerAccounts: ['admin'],
  viewAuditLog: ['admin'],
  changeSettings: ['admin'],
}

describe('the access policy', () => {
  it('lists every capability in the matrix, and nothing more', () => {
    expect([...capabilities].sort()).toEqual(Object.keys(MATRIX).sort())
  })

  it.each(capabilities.flatMap(capability => roles.codes.map(role => [capability, role] as const)))(
    '%s held by %s matches the matrix',
    (capability, role) => {
      expect(can(person(role), capability)).toBe(MATRIX[capability].includes(role))
    },
  )

  it('names only known roles', () => {
    for (const held of Object.values(CAPABILITIES)) for (const role of held) expect(roles.codes).toContain(role)
  })

  it('gives nobody signed in, and a person without roles, nothing', () => {
    for (const capability of capabilities) {
      expect(can(undefined, capability)).toBe(false)
      expect(can(null, capability)).toBe(false)
      expect(can(person(), capability)).toBe(false)
    }
  })

  it('lets a person with several roles do what any of them may', () => {
    expect(can(person('panel_member', 'public_health'), 'sitOnPanel')).toBe(true)
    expect(can(person('panel_member', 'public_health'), 'viewPublishedStatistics')).toBe(true)
    expect(can(person('panel_member', 'public_health'), 'viewCases')).toBe(false)
  })
})

describe('requireCapability', () => {
  const run = (user: Express.User | undefined, capability: Capability) => {
    const next = jest.fn() as jest.MockedFunction<NextFunction>
    requireCapability(capability)({ user } as Request, {} as Response, next)
    expect(next).toHaveBeenCalledTimes(1)
    return next.mock.calls[0][0] as { status?: number } | undefined
  }

  it('lets through a person holding the capability', () => {
    expect(run(person('coordinator'), 'viewCases')).toBeUndefined()
    expect(run(person('panel_member', 'admin'), 'administerAccounts')).toBeUndefined()
  })

  it('refuses with 403 anyone without it, and anyone not signed in', () => {
    expect(run(person('panel_member'), 'viewCases')?.status).toBe(403)
    expect(run(person(), 'useService')?.status).toBe(403)
    expect(run(undefined, 'useService')?.status).toBe(403)
  })
})

describe('the navigation', () => {
  const texts = (...held: Role[]) => navigationFor(person(...held), '/').map(item => item.text)

  it('shows each role the places its capabilities reach', () => {
    expect(texts('panel_member')).toEqual(['Home', 'Meetings', 'Second factor'])
    expect(texts('public_health')).toEqual(['Home', 'Statistics', 'Second factor'])
    expect(texts('coordinator')).toEqual([
      'Home',
      'Cases',
      'Meetings',
      'Actions',
      'Statistics',
      'Outbox',
      'Second factor',
    ])
    expect(texts('admin')).toEqual([
      'Home',
      'Cases',
      'Meetings',
      'Actions',
      'Statistics',
      'Outbox',
      'Accounts',
      'Audit log',
      'Agency leads',
      'Local authorities',
      'Second factor',
    ])
  })

  it('shows nothing to someone not signed in', () => {
    expect(navigationFor(undefined, '/')).toEqual([])
  })
})
