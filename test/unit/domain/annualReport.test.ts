import {
  cellText,
  comparatorSentence,
  countWords,
  femaleMaleRow,
  meetingsSentence,
  modifiableSentence,
  percentOf,
  suppressedCellCount,
  tableSentence,
} from '../../../src/domain/annualReport'
import { modifiableShare } from '../../../src/domain/statistics/percentages'
import type { CellValue, StatsTable } from '../../../src/domain/statistics/release'

const modifiableColumns = [
  { code: 'identified', label: 'Modifiable factors identified' },
  { code: 'not_identified', label: 'No modifiable factors identified' },
  { code: 'inadequate_information', label: 'Inadequate information' },
  { code: 'total', label: 'Total' },
]

function sexByModifiable(male: CellValue[], female: CellValue[], total: CellValue[]): StatsTable {
  const row = (cells: CellValue[]) => ({
    identified: cells[0],
    not_identified: cells[1],
    inadequate_information: cells[2],
    total: cells[3],
  })
  return {
    id: 'sex_by_modifiable',
    title: 'Reviews completed by sex and modifiable factors',
    rows: [
      { code: 'male', label: 'Male' },
      { code: 'female', label: 'Female' },
      { code: 'total', label: 'Total' },
    ],
    columns: modifiableColumns,
    values: { male: row(male), female: row(female), total: row(total) },
  }
}

describe('the annual report’s words', () => {
  it('counts in words, and names a suppressed figure as such rather than as a number', () => {
    expect(countWords(12, 'review')).toBe('12 reviews')
    expect(countWords(1, 'review')).toBe('1 review')
    expect(countWords(0, 'death')).toBe('0 deaths')
    expect(countWords(1234, 'death')).toBe('1,234 deaths')
    expect(countWords('[c]', 'review')).toBe('a suppressed number of reviews')
    expect(cellText('[c]')).toBe('[c]')
    expect(cellText(4)).toBe('4')
    expect(cellText(undefined)).toBe('')
  })

  it('gives whole percentages only when both figures are shown and, published, over at least 10', () => {
    expect(percentOf(12, 41, 'published')).toBe('29%')
    expect(percentOf(1, 8, 'published')).toBeNull()
    expect(percentOf(1, 8, 'unsuppressed')).toBe('13%') // 12.5 rounds up
    expect(percentOf('[c]', 41, 'published')).toBeNull()
    expect(percentOf(3, '[c]', 'unsuppressed')).toBeNull()
    expect(percentOf(0, 0, 'unsuppressed')).toBeNull()
  })

  it('says what share of reviews with enough information had modifiable factors', () => {
    expect(
      modifiableSentence({ identified: 12, not_identified: 29, inadequate_information: 7, total: 48 }, 'published'),
    ).toBe(
      'Of 41 reviews with enough information, 12 (29.3%) had modifiable factors. A further 7 reviews had too little information to decide.',
    )
    expect(modifiableSentence({ identified: 2, not_identified: 6, inadequate_information: 0 }, 'unsuppressed')).toBe(
      'Of 8 reviews with enough information, 2 (25%) had modifiable factors.',
    )
    expect(modifiableSentence({ identified: 6, not_identified: 0, inadequate_information: 0 }, 'published')).toBe(
      'Of 6 reviews with enough information, 6 (no percentage is given for fewer than 10 reviews) had modifiable factors.',
    )
    const suppressed = modifiableSentence(
      { identified: '[c]', not_identified: 30, inadequate_information: '[c]' },
      'published',
    )
    expect(suppressed).toBe(
      'A suppressed number of reviews had modifiable factors and 30 reviews had none; a figure is suppressed to protect the families concerned, so no percentage is given. A suppressed number of further reviews had too little information to decide.',
    )
    expect(suppressed).not.toMatch(/\(\d/)
    expect(modifiableSentence({ identified: 0, not_identified: 0, inadequate_information: 0 }, 'published')).toBe(
      'No review had enough information to say whether there were modifiable factors.',
    )
  })

  it('writes a table’s sentence from its shown figures only, and counts its suppressed figures', () => {
    const table = sexByModifiable([8, 12, 2, 22], ['[c]', 17, '[c]', 23], ['[c]', 29, '[c]', 45])
    expect(suppressedCellCount(table)).toBe(2)
    const sentence = tableSentence(table, 'published')
    expect(sentence).toBe(
      '45 reviews are counted. The largest group was Female, with 23 (51%). A suppressed number of reviews had modifiable ' +
        'factors and 29 reviews had none; a figure is suppressed to protect the families concerned, so no percentage ' +
        'is given. A suppressed number of further reviews had too little information to decide. Modifiable factors ' +
        'were found most often in Male (8 reviews). 2 figures are suppressed to protect the families concerned.',
    )
    const exact = tableSentence(sexByModifiable([8, 12, 2, 22], [4, 17, 2, 23], [12, 29, 4, 45]), 'unsuppressed')
    expect(exact).toContain('Of 41 reviews with enough information, 12 (29.3%) had modifiable factors.')
    expect(exact).not.toContain('suppressed')
    const empty = tableSentence(sexByModifiable([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]), 'published')
    expect(empty).toBe('There were no reviews to count.')
  })

  it('names every group tied for the most', () => {
    const table = sexByModifiable([1, 9, 0, 10], [2, 8, 0, 10], [3, 17, 0, 20])
    expect(tableSentence(table, 'unsuppressed')).toContain(
      'The largest groups were Male and Female, with 10 each (50% each).',
    )
  })

  it('writes the female:male row year by year, oldest first, then the total', () => {
    const years = ['2008-09', '2009-10', '2010-11']
    const values: StatsTable['values'] = {
      '2008-09': { female: 4, male: 9, other: 0, total: 13 },
      '2009-10': { female: 8, male: 4, other: 0, total: 12 },
      '2010-11': { female: '[c]', male: 6, other: '[c]', total: 11 },
      total: { female: 55, male: 74, other: 0, total: 129 },
    }
    const trend: StatsTable = {
      id: 'trend_deaths_by_sex',
      title: 'Deaths by sex and financial year',
      rows: [...years.map(code => ({ code, label: code })), { code: 'total', label: 'Total' }],
      columns: [
        { code: 'female', label: 'Female' },
        { code: 'male', label: 'Male' },
        { code: 'other', label: 'Other or not known' },
        { code: 'total', label: 'Total' },
      ],
      values,
    }
    const row = femaleMaleRow(trend)
    expect(row.pairs).toEqual(['4:9', '8:4', '[c]:6'])
    expect(row.total).toBe('55:74')
    expect(row.text).toBe(
      'Female to male deaths in each year from 2008-09 to 2010-11: 4:9, 8:4, [c]:6; 55:74 in total. [c] marks a figure suppressed to protect the families concerned.',
    )
    expect(femaleMaleRow({ ...trend, rows: [{ code: 'total', label: 'Total' }] }).text).toBe(
      'There are no deaths on file to show a trend.',
    )
  })

  it('compares the panel’s share with England’s, or says why it cannot', () => {
    const national = { modifiableShare: 32.5, source: 'DfE SFR 2017' }
    expect(comparatorSentence('2016-17', modifiableShare(12, 29), national)).toBe(
      "In 2016-17, 29.3% of this panel's reviews with enough information had modifiable factors, lower than the 32.5% for England (DfE SFR 2017).",
    )
    expect(comparatorSentence('2016-17', modifiableShare(20, 20), national)).toContain('higher than the 32.5%')
    expect(comparatorSentence('2016-17', modifiableShare('[c]', 29), national)).toBe(
      "In 2016-17, this panel's percentage of reviews with modifiable factors is not given because a figure it is worked out from is suppressed; the figure for England was 32.5% (DfE SFR 2017).",
    )
    expect(comparatorSentence('2016-17', modifiableShare(2, 3), undefined)).toBe(
      "In 2016-17, this panel's percentage of reviews with modifiable factors is not given because fewer than 10 reviews are counted. No national figure for 2016-17 has been entered, so there is no comparison.",
    )
  })

  it('sums up the meetings held, their quorum and attendance', () => {
    expect(meetingsSentence([])).toBe('The panel held no meetings in the year.')
    expect(
      meetingsSentence([
        { date: '2016-05-01', present: 8, quorate: true },
        { date: '2016-07-01', present: 9, quorate: true },
        { date: '2016-09-01', present: 3, quorate: false },
        { date: '2016-11-01', present: 0, quorate: null },
      ]),
    ).toBe(
      'The panel held 4 meetings; 2 were quorate, 1 was not and attendance was not recorded at 1. On average 6.7 members attended.',
    )
    expect(meetingsSentence([{ date: '2016-05-01', present: 1, quorate: false }])).toBe(
      'The panel held 1 meeting; 0 were quorate and 1 was not. On average 1 member attended.',
    )
  })
})
