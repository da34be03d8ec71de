import type { NextFunction, Request, Response } from 'express'
import requireRole, { hasRole } from '../../../src/middleware/requireRole'

const run = (user: Express.User | undefined, ...roles: Parameters<typeof requireRole>) => {
  const next = jest.fn() as jest.MockedFunction<NextFunction>
  requireRole(...roles)({ user } as Request, {} as Response, next)
  return next.mock.calls[0][0] as { status?: number } | undefined
}

const person = (...roles: Express.User['roles']): Express.User => ({
  id: 'u1',
  name: 'P',
  email: 'p@example.org',
  roles,
})

describe('requireRole', () => {
  it('lets through a person holding one of the roles', () => {
    expect(run(person('coordinator'), 'coordinator', 'admin')).toBeUndefined()
    expect(run(person('panel_member', 'admin'), 'admin')).toBeUndefined()
  })

  it('refuses with 403 anyone without one of the roles, and anyone not signed in', () => {
    expect(run(person('panel_member'), 'coordinator')?.status).toBe(403)
    expect(run(person(), 'coordinator')?.status).toBe(403)
    expect(run(undefined, 'coordinator')?.status).toBe(403)
  })

  it('denies by default when no role is named', () => {
    expect(run(person('admin'))?.status).toBe(403)
    expect(hasRole(person('admin'))).toBe(false)
  })
})
