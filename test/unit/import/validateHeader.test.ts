import { importColumnNames, templateCsv } from '../../../src/services/import/importColumns'
import { validateHeader } from '../../../src/services/import/validateHeader'

const REQUIRED = ['case_ref', 'date_of_birth', 'date_of_death', 'sex', 'expected']

describe('validateHeader', () => {
  it('accepts the required columns in any order, and every column of the contract', () => {
    expect(validateHeader([...REQUIRED].reverse())).toEqual({ ok: true, columns: [...REQUIRED].reverse() })
    expect(validateHeader([...importColumnNames])).toEqual({ ok: true, columns: importColumnNames })
  })

  it('trims spaces around names', () => {
    expect(validateHeader([' case_ref', 'date_of_birth ', 'date_of_death', 'sex', 'expected'])).toMatchObject({
      ok: true,
      columns: REQUIRED,
    })
  })

  it('refuses an unknown column, suggesting the one a misspelling was meant to be', () => {
    expect(validateHeader([...REQUIRED, 'date_of_deth', 'Place of death', 'favourite_colour'])).toEqual({
      ok: false,
      problems: [
        { row: 1, column: 'date_of_deth', message: 'this is not a column of the import: did you mean date_of_death?' },
        {
          row: 1,
          column: 'Place of death',
          message: 'this is not a column of the import: did you mean place_of_death?',
        },
        {
          row: 1,
          column: 'favourite_colour',
          message: 'this is not a column of the import: check it against the template',
        },
      ],
    })
  })

  it('refuses a column named twice, and a column with no name', () => {
    expect(validateHeader([...REQUIRED, 'ward', '', 'ward'])).toEqual({
      ok: false,
      problems: [
        { row: 1, column: null, message: 'column 7 has no name in the header row' },
        { row: 1, column: 'ward', message: 'this column appears twice, as columns 6 and 8' },
      ],
    })
  })

  it('refuses a header without a required column', () => {
    expect(validateHeader(['case_ref', 'sex', 'expected'])).toEqual({
      ok: false,
      problems: [
        { row: 1, column: 'date_of_birth', message: 'this required column is missing from the header row' },
        { row: 1, column: 'date_of_death', message: 'this required column is missing from the header row' },
      ],
    })
  })

  it('offers a template whose header is every column, which the header check accepts', () => {
    const header = templateCsv()
      .replace(/^\uFEFF/, '')
      .trim()
      .split(',')
    expect(header).toEqual([...importColumnNames])
    expect(header).toHaveLength(22)
    expect(validateHeader(header).ok).toBe(true)
  })
})
