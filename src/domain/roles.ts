import type { Role } from './codes'

export const hasRole = (user: { roles: Role[] } | undefined, ...roles: Role[]): boolean =>
  !!user && user.roles.some(role => roles.includes(role))

/** Coordinators run the case work; administrators see case data as a coordinator would (product.md). */
export const isCaseManager = (user: { roles: Role[] } | undefined): boolean => hasRole(user, 'coordinator', 'admin')
