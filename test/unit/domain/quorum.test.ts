import { assessQuorum } from '../../../src/domain/quorum'

const rule = { minimumMembers: 3, requiredCapacities: ['chair', 'police'] as const }

describe('assessQuorum', () => {
  it('is quorate with enough people and every required capacity', () => {
    expect(
      assessQuorum([{ capacity: 'chair' }, { capacity: 'police' }, { capacity: 'nursing' }], {
        ...rule,
        requiredCapacities: [...rule.requiredCapacities],
      }),
    ).toEqual({
      quorate: true,
      present: 3,
      missingCapacities: [],
      shortBy: 0,
    })
  })

  it('says who is missing and how many more are needed', () => {
    expect(
      assessQuorum([{ capacity: 'chair' }, { capacity: 'chair' }], {
        ...rule,
        requiredCapacities: [...rule.requiredCapacities],
      }),
    ).toEqual({
      quorate: false,
      present: 2,
      missingCapacities: ['police'],
      shortBy: 1,
    })
    expect(assessQuorum([], { minimumMembers: 0, requiredCapacities: [] }).quorate).toBe(true)
  })
})
