import type { Role } from '../src/domain/codes'
import type { Services } from '../src/services'
import { systemContext } from '../src/services/auditContext'

export const TEST_PASSWORD = 'correct horse battery staple'

let sequence = 0

/** Builds an account with a known password; overridable defaults, unique email. */
export async function buildUser(services: Services, overrides: { roles?: Role[]; email?: string; name?: string } = {}) {
  sequence += 1
  return services.userService.create(
    {
      email: overrides.email ?? `person${sequence}@example.org`,
      name: overrides.name ?? `Test Person ${sequence}`,
      roles: overrides.roles ?? ['coordinator'],
      password: TEST_PASSWORD,
    },
    systemContext(),
  )
}
