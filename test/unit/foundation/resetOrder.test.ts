import { deletionOrder } from '../../helpers/ownerDb'

// The order the tests' reset empties tables in (test/helpers/ownerDb.ts): a referring table first.
describe('the order tables are emptied in between tests', () => {
  it('puts every table before each table it refers to, and keeps a self-reference in one DELETE', () => {
    const order = deletionOrder(
      ['audit_events', 'cases', 'case_reviews', 'meetings', 'users'],
      [
        { from: 'audit_events', to: 'users' },
        { from: 'case_reviews', to: 'cases' },
        { from: 'case_reviews', to: 'meetings' },
        { from: 'cases', to: 'cases' },
        { from: 'meetings', to: 'users' },
      ],
    )
    const before = (a: string, b: string) => order.indexOf(a) < order.indexOf(b)
    expect([...order].sort()).toEqual(['audit_events', 'case_reviews', 'cases', 'meetings', 'users'])
    expect(before('audit_events', 'users')).toBe(true)
    expect(before('case_reviews', 'cases')).toBe(true)
    expect(before('case_reviews', 'meetings')).toBe(true)
    expect(before('meetings', 'users')).toBe(true)
  })

  it('names the tables of a cycle, which no order of DELETEs can empty', () => {
    expect(() =>
      deletionOrder(
        ['a', 'b', 'c'],
        [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
          { from: 'c', to: 'a' },
        ],
      ),
    ).toThrow(/cycle: (a|b|c) → (a|b|c) → (a|b|c) → (a|b|c)/)
  })
})
