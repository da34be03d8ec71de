import { mergeRefusal, valuesDiffer } from '../../../src/domain/caseMerge'

const side = (id: string, status = 'information_gathering') => ({ id, caseRef: `CDOP-2025-000${id}`, status })

describe('which merges are refused', () => {
  it('refuses a case merged with itself', () => {
    expect(mergeRefusal(side('1'), side('1'))?.code).toBe('same_case')
  })
  it('refuses a case already merged, on either side', () => {
    expect(mergeRefusal(side('1', 'merged'), side('2'))?.message).toBe(
      'Case CDOP-2025-0001 has already been merged into another case',
    )
    expect(mergeRefusal(side('1'), side('2', 'merged'))?.code).toBe('already_merged')
  })
  it('refuses two finalised reviews, and asks to start from the reviewed case when only the other has one', () => {
    expect(mergeRefusal(side('1', 'reviewed'), side('2', 'reviewed'))?.code).toBe('both_reviewed')
    expect(mergeRefusal(side('1'), side('2', 'reviewed'))?.message).toContain('start the merge from CDOP-2025-0002')
    expect(mergeRefusal(side('1', 'reviewed'), side('2'))).toBeNull()
  })
  it('allows two open cases, whatever their statuses', () => {
    expect(mergeRefusal(side('1', 'notified'), side('2', 'on_hold'))).toBeNull()
  })
})

describe('which values differ', () => {
  it.each([
    [null, '', false],
    [[], null, false],
    ['a', 'a', false],
    ['a', 'b', true],
    [['gp'], ['gp', 'police'], true],
    [true, false, true],
    [null, false, true],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(valuesDiffer(a, b)).toBe(expected)
  })
})
