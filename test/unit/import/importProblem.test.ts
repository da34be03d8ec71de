import { formatProblem, ProblemList } from '../../../src/services/import/importProblem'

describe('import problems', () => {
  it('formats a problem of a cell, of a row and of the whole file', () => {
    expect(formatProblem({ row: 14, column: 'date_of_death', message: 'the date is wrong' })).toBe(
      'Row 14, date_of_death: the date is wrong',
    )
    expect(formatProblem({ row: 3, column: null, message: 'this row has 3 cells' })).toBe('Row 3: this row has 3 cells')
    expect(formatProblem({ row: null, column: null, message: 'the file is empty' })).toBe('File: the file is empty')
  })

  it('keeps the first problems by row up to its cap and counts the rest', () => {
    const list = new ProblemList(3)
    // Arriving a little out of order, as database checks lag behind the rows.
    for (const row of [5, 2, 9, 7, 3, 8, 4, 6, 10]) list.add({ row, column: 'sex', message: `row ${row}` })
    list.add({ row: null, column: null, message: 'file' })
    expect(list.total).toBe(10)
    expect(list.list().map(p => p.row)).toEqual([null, 2, 3])
  })

  it("lists a row's problems in the contract's column order, whatever order they were found in", () => {
    const list = new ProblemList()
    list.addAll([
      { row: 4, column: 'nhs_number', message: 'a' }, // a duplicate, found after the row's own checks
      { row: 2, column: 'expected', message: 'b' },
      { row: 4, column: null, message: 'c' },
      { row: 4, column: 'case_ref', message: 'd' },
    ])
    expect(list.list().map(p => p.message)).toEqual(['b', 'c', 'd', 'a'])
  })

  it('keeps the header problems in the order of its columns', () => {
    const list = new ProblemList()
    list.addAll([
      { row: 1, column: 'colour', message: 'a' },
      { row: 1, column: 'sex', message: 'b' },
    ])
    expect(list.list().map(p => p.message)).toEqual(['a', 'b'])
  })
})
