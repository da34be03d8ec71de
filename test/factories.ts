import type { Case } from '../src/db/models'
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

/** Notifies a fictional death through the service, as the form would; overridable defaults. */
export async function buildCase(services: Services, overrides: Partial<Case> = {}): Promise<Case> {
  sequence += 1
  return services.caseService.notify(
    {
      givenNames: 'Test',
      familyName: `Child${sequence}`,
      nhsNumber: null,
      nhsNumberMissingReason: 'not_yet_available',
      dateOfBirth: '2024-01-10',
      dateOfDeath: '2025-06-01',
      sex: 'male',
      ethnicity: 'not_known',
      expected: 'expected',
      notifiedAt: '2025-06-02',
      resident: true,
      suspectedStillbirthAtHome: false,
      ...overrides,
    },
    systemContext(),
  )
}
