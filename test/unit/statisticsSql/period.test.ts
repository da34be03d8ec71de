import { parseReleasePeriod } from '../../../src/services/statistics/period'

// 1 June 2025 in London: the current financial year is 2025-26.
const NOW = new Date('2025-06-01T12:00:00Z')

describe('parseReleasePeriod', () => {
  it('reads one financial year with its first and last days', () => {
    expect(parseReleasePeriod('2016-17', NOW)).toEqual({
      ok: true,
      period: { label: '2016-17', years: ['2016-17'], start: '2016-04-01', end: '2017-03-31' },
    })
    expect(parseReleasePeriod(' 1999-00 ', NOW)).toMatchObject({ ok: true, period: { start: '1999-04-01' } })
  })

  it('reads consecutive years pooled, and a span of one year as that year', () => {
    expect(parseReleasePeriod('2014-15..2016-17', NOW)).toEqual({
      ok: true,
      period: {
        label: '2014-15..2016-17',
        years: ['2014-15', '2015-16', '2016-17'],
        start: '2014-04-01',
        end: '2017-03-31',
      },
    })
    expect(parseReleasePeriod('2016-17..2016-17', NOW)).toMatchObject({ ok: true, period: { label: '2016-17' } })
  })

  it('allows the current financial year, not the next', () => {
    expect(parseReleasePeriod('2025-26', NOW).ok).toBe(true)
    expect(parseReleasePeriod('2026-27', NOW)).toEqual({
      ok: false,
      message: '2026-27 has not started yet: the latest financial year is 2025-26',
    })
    // 31 March 2026, 11pm in London (BST has not started): still 2025-26.
    expect(parseReleasePeriod('2026-27', new Date('2026-03-31T22:30:00Z')).ok).toBe(false)
    expect(parseReleasePeriod('2026-27', new Date('2026-03-31T23:30:00Z')).ok).toBe(true)
  })

  it.each([
    [undefined, 'Enter a financial year like 2016-17, or consecutive years like 2014-15..2016-17'],
    ['', 'Enter a financial year like 2016-17, or consecutive years like 2014-15..2016-17'],
    [['2016-17'], 'Enter a financial year like 2016-17, or consecutive years like 2014-15..2016-17'],
    ['2016-18', '“2016-18” is not a financial year like 2016-17, or consecutive years like 2014-15..2016-17'],
    ['2016-2017', '“2016-2017” is not a financial year like 2016-17, or consecutive years like 2014-15..2016-17'],
    [
      '2014-15..2015-16..2016-17',
      '“2014-15..2015-16..2016-17” is not a financial year like 2016-17, or consecutive years like 2014-15..2016-17',
    ],
    ['2016-17..2014-15', 'The first year must come before the last: 2014-15..2016-17, not 2016-17..2014-15'],
    ['1985-86', 'Statistics start from 1990-91'],
    ['9'.repeat(40), 'Enter a financial year like 2016-17, or consecutive years like 2014-15..2016-17'],
  ])('refuses %j', (input, message) => {
    expect(parseReleasePeriod(input, NOW)).toEqual({ ok: false, message })
  })
})
