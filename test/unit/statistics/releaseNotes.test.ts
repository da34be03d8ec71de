import { releaseNotes } from '../../../src/domain/statistics/releaseNotes'

const base = { financialYear: '2016-17', suppressMax: 5, producedAt: '2017-05-02T09:30:00.000Z' } as const
const asMap = (notes: { key: string; value: string }[]) => Object.fromEntries(notes.map(n => [n.key, n.value]))

describe('releaseNotes', () => {
  it('states the threshold, marker, date produced and mode of a published release', () => {
    const notes = releaseNotes({ ...base, mode: 'published' })
    expect(notes.map(n => n.key)).toEqual([
      'financial_year',
      'mode',
      'suppress_max',
      'marker',
      'produced_at',
      'suppression',
      'percentages',
      'content',
    ])
    notes.forEach(n => {
      expect(n.label.length).toBeGreaterThan(0)
      expect(n.value.length).toBeGreaterThan(0)
    })
    const values = asMap(notes)
    expect(values.financial_year).toBe('2016-17')
    expect(values.mode).toMatch(/^Published/)
    expect(values.suppress_max).toMatch(/^5: every count from 1 to 5 is suppressed/)
    expect(values.marker).toMatch(/^\[c\]/)
    expect(values.produced_at).toBe('2017-05-02T09:30:00.000Z')
    expect(values.suppression).toMatch(/Primary suppression.*Secondary suppression.*more than one table/)
    expect(values.percentages).toMatch(/fewer than 10 reviews/)
  })

  it('says plainly that an unsuppressed release is exact and not for publication', () => {
    const values = asMap(releaseNotes({ ...base, mode: 'unsuppressed' }))
    expect(values.mode).toMatch(/^Unsuppressed.*Do not publish/)
    expect(values.suppress_max).toMatch(/^Not applied/)
    expect(values.marker).toMatch(/^Not used/)
    expect(values.suppression).toMatch(/^None/)
    expect(values.percentages).not.toMatch(/fewer than/)
  })

  it('explains a pooled period', () => {
    const notes = releaseNotes({ ...base, financialYear: '2014-15..2016-17', mode: 'published' })
    expect(notes[0]).toMatchObject({ key: 'financial_year', label: 'Financial years (pooled)' })
    expect(notes[0].value).toMatch(/^2014-15\.\.2016-17: /)
    expect(notes.find(n => n.key === 'suppression')?.value).toMatch(/pooled total/)
    expect(releaseNotes({ ...base, mode: 'published' }).find(n => n.key === 'suppression')?.value).not.toMatch(/pooled/)
  })
})
