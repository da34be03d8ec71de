import { assertSafeSvg } from '../../../src/services/statistics/charts'
import { validateComparator } from '../../../src/services/statistics/nationalComparators'

describe('assertSafeSvg', () => {
  it('passes plain drawing markup', () => {
    const svg =
      '<svg class="marks" viewBox="0 0 10 10"><path d="M0,0h1" fill="#12436D"/><text font-size="12px">A &amp; B</text></svg>'
    expect(assertSafeSvg(svg)).toBe(svg)
  })

  it.each([
    '<svg><script>alert(1)</script></svg>',
    '<svg><rect style="fill:red"/></svg>',
    '<svg><style>rect{}</style></svg>',
    '<svg><rect onclick="x()"/></svg>',
    '<svg><a href="javascript:x()"/></svg>',
    '<svg><foreignObject/></svg>',
    '<div></div>',
  ])('refuses %s', svg => {
    expect(() => assertSafeSvg(svg)).toThrow('Chart SVG contains markup that is not allowed')
  })
})

describe('validateComparator', () => {
  it('accepts a year, a percentage (with or without %) and a source', () => {
    expect(validateComparator({ financial_year: '2016-17', modifiable_share: '27.45%', source: 'NCMD' })).toEqual({
      ok: true,
      value: { financialYear: '2016-17', modifiableShare: 27.45, source: 'NCMD' },
    })
    expect(validateComparator({ financial_year: '2016-17', modifiable_share: '100', source: 'x' }).ok).toBe(true)
  })

  it('says what is wrong with each field', () => {
    expect(validateComparator({ financial_year: '', modifiable_share: '', source: '' })).toEqual({
      ok: false,
      errors: {
        financial_year: 'Enter the financial year, like 2016-17',
        modifiable_share: 'Enter the national percentage with modifiable factors',
        source: 'Enter where the national figure comes from',
      },
    })
    const bad = validateComparator({ financial_year: '2016-2017', modifiable_share: '-3', source: 'x'.repeat(501) })
    expect(bad).toEqual({
      ok: false,
      errors: {
        financial_year: 'Enter a financial year like 2016-17',
        modifiable_share: 'Percentage must be a number from 0 to 100, like 32.5',
        source: 'Source must be 500 characters or fewer',
      },
    })
    expect(validateComparator({ financial_year: '2016-17', modifiable_share: '100.01', source: 'x' }).ok).toBe(false)
    expect(validateComparator({ financial_year: '2016-17', modifiable_share: '1e2', source: 'x' }).ok).toBe(false)
  })
})
