import { buildTable } from '../../../src/domain/statistics/release'
import {
  MIN_PERCENTAGE_DENOMINATOR,
  modifiableShare,
  modifiableShareOfRow,
} from '../../../src/domain/statistics/percentages'
import { suppressRelease } from '../../../src/domain/statistics/suppression'
import { sexByModifiableDefinition } from '../../../src/domain/statistics/tables'

describe('modifiableShare', () => {
  it('is identified / (identified + not identified), to one decimal place', () => {
    expect(modifiableShare(3, 7)).toEqual({ value: 30, withheld: null })
    expect(modifiableShare(2, 10)).toEqual({ value: 16.7, withheld: null })
    expect(modifiableShare(10, 20)).toEqual({ value: 33.3, withheld: null })
    expect(modifiableShare(0, 12)).toEqual({ value: 0, withheld: null })
    expect(modifiableShare(12, 0)).toEqual({ value: 100, withheld: null })
  })

  it('rounds halves up, exactly', () => {
    expect(modifiableShare(1, 15)).toEqual({ value: 6.3, withheld: null }) // 6.25
    expect(modifiableShare(1, 39)).toEqual({ value: 2.5, withheld: null }) // 2.5
    expect(modifiableShare(3, 37)).toEqual({ value: 7.5, withheld: null }) // 7.5
    expect(modifiableShare(7, 73)).toEqual({ value: 8.8, withheld: null }) // 8.75
  })

  it('is withheld when either count is suppressed', () => {
    expect(modifiableShare('[c]', 40)).toEqual({ value: null, withheld: 'suppressed' })
    expect(modifiableShare(40, '[c]')).toEqual({ value: null, withheld: 'suppressed' })
  })

  it('is withheld in published mode when fewer than 10 reviews are counted', () => {
    expect(MIN_PERCENTAGE_DENOMINATOR).toBe(10)
    expect(modifiableShare(6, 3)).toEqual({ value: null, withheld: 'denominator_under_10' })
    expect(modifiableShare(0, 0)).toEqual({ value: null, withheld: 'denominator_under_10' })
    expect(modifiableShare(6, 4)).toEqual({ value: 60, withheld: null })
  })

  it('shows every percentage it can in unsuppressed mode', () => {
    expect(modifiableShare(1, 7, 'unsuppressed')).toEqual({ value: 12.5, withheld: null })
    expect(modifiableShare(0, 0, 'unsuppressed')).toEqual({ value: null, withheld: 'no_denominator' })
  })
})

describe('modifiableShareOfRow', () => {
  it('reads a row of a published table', () => {
    // female identified (3) is small; its row then loses not_identified (20), its column other (9),
    // and other's row its not_identified (15). Male and the totals stay shown.
    const table = buildTable(sexByModifiableDefinition(), {
      male: { identified: 30, not_identified: 12 },
      female: { identified: 3, not_identified: 20 },
      other: { identified: 9, not_identified: 15 },
    })
    const release = suppressRelease(
      { financialYear: '2016-17', mode: 'published', suppressMax: 5, producedAt: '', tables: [table] },
      5,
    )
    const [published] = release.tables
    expect(modifiableShareOfRow(published, 'male')).toEqual({ value: 71.4, withheld: null })
    expect(modifiableShareOfRow(published, 'female')).toEqual({ value: null, withheld: 'suppressed' })
    expect(modifiableShareOfRow(published, 'other')).toEqual({ value: null, withheld: 'suppressed' })
    expect(modifiableShareOfRow(published, 'total')).toEqual({ value: 47.2, withheld: null })
    expect(() => modifiableShareOfRow(published, 'nobody')).toThrow(/no row nobody/)
  })

  it('refuses a table without the modifiable factors columns', () => {
    const other = { id: 'x', title: 'X', rows: [], columns: [], values: { a: { count: 3 } } }
    expect(() => modifiableShareOfRow(other, 'a')).toThrow(/no modifiable factors columns/)
  })
})
