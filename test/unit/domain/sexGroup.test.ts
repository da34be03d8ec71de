import { sexes, sexGroups } from '../../../src/domain/codes'
import { sexGroup } from '../../../src/domain/sexGroup'

describe('sexGroup', () => {
  it.each([
    ['male', 'male'],
    ['female', 'female'],
    ['indeterminate', 'other'],
    ['not_known', 'other'],
  ] as const)('%s → %s', (sex, group) => {
    expect(sexGroup(sex)).toBe(group)
  })

  it('maps every sex code to a sex group code', () => {
    for (const sex of sexes.codes) expect(sexGroups.has(sexGroup(sex))).toBe(true)
  })
})
