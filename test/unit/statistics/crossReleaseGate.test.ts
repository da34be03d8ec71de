/**
 * The attacks the publication issue names, as regression tests: differencing nested pooled periods,
 * and the trend tables' total rows of two consecutive years. Each is shown to work against releases
 * that obey only statistics.md §3 (so the attacker is real), and to fail once the releases pass the
 * check across releases. Also the calendar of publishable periods.
 */
import { gateRelease, type PublishedFigures } from '../../../src/domain/statistics/crossReleaseGate'
import {
  MAX_POOL_LENGTH,
  checkPublishable,
  endedWindows,
  isValidGrid,
} from '../../../src/domain/statistics/publicationCalendar'
import { suppressRelease } from '../../../src/domain/statistics/suppression'
import { Attacker, figureEquation } from './attacker'
import { exactRelease, yearTablesOf, type CaseHistory } from './caseHistory'

const perYear = Array.from({ length: 6 }, (_, i) => ({ notifications: 20 + i, jarStarted: 9, openAtYearEnd: 7 }))

/** Many deaths and reviews every year, and a few in the last year: what §3 suppresses there. */
const history: CaseHistory = {
  deaths: [
    ...[0, 1, 2, 3, 4].flatMap(year => [
      { year, age: '0_27d', sex: 'male', expected: 'expected', n: 8 },
      { year, age: '1_4y', sex: 'female', expected: 'unexpected', n: 9 },
    ]),
    { year: 5, age: '0_27d', sex: 'male', expected: 'expected', n: 2 },
    { year: 5, age: '1_4y', sex: 'female', expected: 'unexpected', n: 7 },
  ],
  reviews: [
    ...[0, 1, 2, 3, 4].map(year => ({
      year,
      age: '0_27d',
      sex: 'male',
      expected: 'expected',
      n: 9,
      category: '1',
      ethnicity: 'white',
      duration: 'under_6_months',
      modifiable: 'not_identified',
      preventability: null,
    })),
    {
      year: 5,
      age: '0_27d',
      sex: 'male',
      expected: 'expected',
      n: 3,
      category: '1',
      ethnicity: 'white',
      duration: 'under_6_months',
      modifiable: 'identified',
      preventability: null,
    },
  ],
  perYear,
}

/** What an analyst holding these releases works out that none of them shows: suppressed figures. */
function recovered(published: PublishedFigures[]): string[] {
  const attacker = new Attacker()
  published.forEach(r => attacker.read(r.financialYear, r.tables))
  return published.flatMap(release =>
    release.tables.flatMap(table =>
      table.rows.flatMap(({ code: row }) =>
        table.columns.flatMap(({ code: col }) => {
          if (table.values[row][col] !== '[c]') return []
          const value = attacker.recover(figureEquation(release.financialYear, table, row, col))
          return value === null ? [] : [`${release.financialYear} ${table.id} ${row}/${col} = ${Math.round(value)}`]
        }),
      ),
    ),
  )
}

function publishInTurn(periods: [number, number][], gated: boolean): PublishedFigures[] {
  const published: PublishedFigures[] = []
  const yearTables = yearTablesOf(history)
  periods.forEach(([first, last]) => {
    const candidate = exactRelease(history, first, last)
    published.push(
      gated ? gateRelease({ published, candidate, suppressMax: 5, yearTables }).release : suppressRelease(candidate, 5),
    )
  })
  return published
}

describe('differencing attacks on published releases', () => {
  it('nested pools give back the last year exactly under §3 alone, and nothing once checked across releases', () => {
    const nested: [number, number][] = [
      [0, 5],
      [0, 4],
    ]
    const plain = recovered(publishInTurn(nested, false))
    expect(plain).toContain('2013-14..2018-19 category_by_modifiable cat_1/identified = 3')
    expect(plain.some(leak => / = [1-5]$/.test(leak))).toBe(true)
    expect(recovered(publishInTurn(nested, true))).toEqual([])
  })

  it('the trend totals of consecutive single years give back the later year under §3 alone, and not once checked', () => {
    const consecutive: [number, number][] = [
      [4, 4],
      [5, 5],
    ]
    const plain = recovered(publishInTurn(consecutive, false))
    expect(plain).toContain('2018-19 trend_deaths_by_sex 2018-19/male = 2')
    const gated = publishInTurn(consecutive, true)
    expect(recovered(gated)).toEqual([])
    // The later release still shows what it safely can: its own year's small rows stay hidden, the rest is there.
    const trend = gated[1].tables.find(t => t.id === 'trend_deaths_by_sex')
    expect(trend?.values['2018-19'].male).toBe('[c]')
    expect(gated[1].tables.find(t => t.id === 'summary')?.values.notifications.count).toBe(25)
  })

  it('publishing the same figures again (a correction with nothing changed) adds no suppression', () => {
    const yearTables = yearTablesOf(history)
    const first = gateRelease({ published: [], candidate: exactRelease(history, 3, 3), suppressMax: 5, yearTables })
    const again = gateRelease({
      published: [first.release],
      candidate: exactRelease(history, 3, 3),
      suppressMax: 5,
      yearTables,
    })
    expect(again.release.tables).toEqual(first.release.tables)
  })

  it('a correction that moves one case hides the figures that would show the change', () => {
    const yearTables = yearTablesOf(history)
    const first = gateRelease({ published: [], candidate: exactRelease(history, 2, 2), suppressMax: 5, yearTables })
    const edited: CaseHistory = structuredClone(history)
    edited.perYear[2].notifications += 1
    const corrected = gateRelease({
      published: [first.release],
      candidate: exactRelease(edited, 2, 2),
      suppressMax: 5,
      yearTables: yearTablesOf(edited),
    })
    expect(first.release.tables[0].values.notifications.count).toBe(22)
    expect(corrected.release.tables[0].values.notifications.count).toBe('[c]')
    expect(corrected.extra).toContainEqual({
      tableId: 'summary',
      row: 'notifications',
      col: 'count',
      reason: 'small_change',
    })
  })
})

describe('the calendar of publishable periods', () => {
  const grid = { startYear: 2008, length: 3 }

  it('allows any single year that has ended, and refuses the current one', () => {
    expect(checkPublishable('2016-17', grid, '2017-18')).toEqual({ ok: true })
    const current = checkPublishable('2017-18', grid, '2017-18')
    expect(current.ok).toBe(false)
    if (!current.ok) expect(current.reason).toMatch(/2017-18 has not ended yet/)
  })

  it('allows pooled windows on the grid only, and offers the windows instead', () => {
    expect(checkPublishable('2014-15..2016-17', grid, '2020-21')).toEqual({ ok: true })
    const off = checkPublishable('2015-16..2017-18', grid, '2020-21')
    expect(off.ok).toBe(false)
    if (!off.ok) {
      expect(off.reason).toMatch(/not on the calendar of pooled periods/)
      expect(off.alternatives).toEqual(['2014-15..2016-17', '2017-18..2019-20', '2015-16', '2016-17', '2017-18'])
    }
    const nested = checkPublishable('2008-09..2019-20', grid, '2020-21')
    expect(nested.ok).toBe(false)
    const unfinished = checkPublishable('2020-21..2022-23', grid, '2021-22')
    expect(unfinished.ok).toBe(false)
  })

  it('lists the windows that have ended, latest first', () => {
    expect(endedWindows(grid, '2017-18')).toEqual(['2014-15..2016-17', '2011-12..2013-14', '2008-09..2010-11'])
    expect(endedWindows(grid, '2010-11')).toEqual([])
  })

  it('refuses a grid it could never walk to the current year, rather than looping', () => {
    for (const bad of [
      { startYear: 2008, length: -1 },
      { startYear: 2008, length: 0 },
      { startYear: 2008, length: 1.5 },
      { startYear: -1e300, length: 3 },
      { startYear: Number.NaN, length: 3 },
      { startYear: 2008, length: MAX_POOL_LENGTH + 1 },
    ]) {
      expect(isValidGrid(bad)).toBe(false)
      expect(() => endedWindows(bad, '2017-18')).toThrow(RangeError)
    }
    expect(isValidGrid(grid)).toBe(true)
  })
})
