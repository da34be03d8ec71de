import {
  caseDatesRule,
  code,
  columnRules,
  controlCharacterRule,
  date,
  nhsNumber,
  postcode,
  required,
  resident,
  reviewDateRule,
  reviewOutcomeRule,
  RowFacts,
  statusOf,
  statusRule,
  text,
} from '../../../src/services/import/columnRules'
import { sexes } from '../../../src/domain/codes'
import { importColumnNames, ImportColumn } from '../../../src/services/import/importColumns'
import { copyValue } from '../../../src/services/import/importQueries'

const TODAY = '2026-01-15'

/** Facts of a row from its cells, each column's value read by its own rule. */
function facts(cells: Partial<Record<ImportColumn, string>>): RowFacts {
  const all = Object.fromEntries(importColumnNames.map(c => [c, cells[c] ?? ''])) as Record<ImportColumn, string>
  const values = Object.fromEntries(
    importColumnNames.map(c => {
      const checked = columnRules[c](all[c])
      return [c, checked.ok ? checked.value : null]
    }),
  ) as RowFacts['values']
  return { cells: all, values, today: TODAY }
}

describe('the rule of each column', () => {
  it('has one rule for every column of the contract, and no other', () => {
    expect(Object.keys(columnRules)).toEqual([...importColumnNames])
  })

  it('text: empty is no value; longer than the limit is refused', () => {
    expect(text(5)('')).toEqual({ ok: true, value: null })
    expect(text(5)('abcde')).toEqual({ ok: true, value: 'abcde' })
    expect(text(5)('abcdef')).toEqual({ ok: false, message: 'this is longer than 5 characters' })
  })

  it('code: exact codes only, the right spelling offered for the wrong case, long values cut short', () => {
    expect(code(sexes)('male')).toEqual({ ok: true, value: 'male' })
    expect(code(sexes)('')).toEqual({ ok: true, value: null })
    expect(code(sexes)('Male')).toEqual({ ok: false, message: '"Male" is not a code: write male' })
    expect(code(sexes)('x'.repeat(50))).toEqual({
      ok: false,
      message: `"${'x'.repeat(40)}…" is not one of the codes male, female, indeterminate, not_known`,
    })
  })

  it('date: a real date written YYYY-MM-DD', () => {
    expect(date('2016-02-29')).toEqual({ ok: true, value: '2016-02-29' })
    expect(date('2015-02-29')).toEqual({ ok: false, message: '2015-02-29 is not a real date' })
    expect(date('1/4/2016')).toEqual({
      ok: false,
      message: '"1/4/2016" is not a date written as YYYY-MM-DD, like 2016-04-01',
    })
  })

  it('required: empty is its own message, anything else goes to the inner rule', () => {
    const rule = required('missing!', date)
    expect(rule('')).toEqual({ ok: false, message: 'missing!' })
    expect(rule('2016-01-01')).toEqual({ ok: true, value: '2016-01-01' })
    expect(rule('soon')).toMatchObject({ ok: false })
  })

  it('nhs_number: ten digits with spaces allowed, and a valid check digit', () => {
    expect(nhsNumber('943 476 5919')).toEqual({ ok: true, value: '9434765919' })
    expect(nhsNumber('943 476 591')).toEqual({
      ok: false,
      message: 'the NHS number must be 10 digits (spaces between them are fine)',
    })
    expect(nhsNumber('9434765918')).toEqual({
      ok: false,
      message: 'this is not a valid NHS number: its check digit is wrong',
    })
    expect(nhsNumber('')).toEqual({ ok: true, value: null })
  })

  it('postcode and resident', () => {
    expect(postcode('ls6 3ab')).toEqual({ ok: true, value: 'LS6 3AB' })
    expect(postcode('nowhere')).toEqual({ ok: false, message: 'this is not a UK postcode: write it like SW1A 1AA' })
    expect([resident(''), resident('yes'), resident('no')]).toEqual([
      { ok: true, value: true },
      { ok: true, value: true },
      { ok: true, value: false },
    ])
    expect(resident('Y')).toEqual({ ok: false, message: '"Y" is not yes or no' })
  })

  it('ethnicity: empty means not_known', () => {
    expect(columnRules.ethnicity('')).toEqual({ ok: true, value: 'not_known' })
    expect(columnRules.ethnicity('a')).toEqual({ ok: false, message: '"a" is not a code: write A' })
  })

  it('control characters are refused in any cell, tab and line breaks allowed', () => {
    expect(controlCharacterRule('a\u0000b')).toMatch(/control character/)
    expect(controlCharacterRule('a\u007fb')).toMatch(/control character/)
    expect(controlCharacterRule('a\tb\r\nc')).toBeNull()
  })
})

describe('the rules across columns', () => {
  const DEATH = { date_of_birth: '2010-03-04', date_of_death: '2015-06-07' }

  it('dates: birth before death, death before the 18th birthday, nothing in the future', () => {
    expect(caseDatesRule(facts(DEATH))).toEqual([])
    expect(caseDatesRule(facts({ ...DEATH, date_of_birth: '1990-01-01' }))).toEqual([
      { column: 'date_of_death', message: expect.stringMatching(/^the date of death is on or after the child's 18th/) },
    ])
    expect(caseDatesRule(facts({ ...DEATH, notified_at: '2027-01-01' }))).toEqual([
      { column: 'notified_at', message: 'date notified must be today or in the past' },
    ])
  })

  it('review date: not before the death, not in the future', () => {
    expect(reviewDateRule(facts({ ...DEATH, review_date: '2015-06-06' }))).toEqual([
      { column: 'review_date', message: 'the review date is before the date of death' },
    ])
    expect(reviewDateRule(facts({ ...DEATH, review_date: '2026-01-16' }))).toEqual([
      { column: 'review_date', message: 'the review date is in the future' },
    ])
    expect(reviewDateRule(facts({ ...DEATH, review_date: '2016-01-01' }))).toEqual([])
  })

  it('review outcome: needed with a review date, refused without one', () => {
    expect(reviewOutcomeRule(facts({ ...DEATH, review_date: '2016-01-01' })).map(p => p.column)).toEqual([
      'category',
      'modifiable_factors',
    ])
    expect(
      reviewOutcomeRule(facts({ ...DEATH, review_date: '2016-01-01', category: '3', preventability: 'x' })),
    ).toEqual([])
    expect(reviewOutcomeRule(facts({ ...DEATH, category: '3', preventability: 'not_preventable' }))).toEqual([
      { column: 'category', message: 'this is the outcome of a review, so it needs the review_date of that review' },
      {
        column: 'preventability',
        message: 'this is the outcome of a review, so it needs the review_date of that review',
      },
    ])
  })

  it('status: defaults from the review date, and must agree with it', () => {
    expect(statusOf(facts({ review_date: '2016-01-01' }))).toBe('reviewed')
    expect(statusOf(facts({}))).toBe('information_gathering')
    expect(statusOf(facts({ status: 'nonsense' }))).toBeNull() // its own rule already refused it
    expect(statusRule(facts({ status: 'scheduled' }))).toEqual([
      { column: 'status', message: expect.stringMatching(/^a case cannot be imported as scheduled/) },
    ])
    expect(statusRule(facts({ status: 'reviewed' }))).toEqual([
      { column: 'status', message: expect.stringMatching(/^the status is reviewed but review_date is empty/) },
    ])
    expect(statusRule(facts({ status: 'on_hold', review_date: '2016-01-01' }))).toEqual([
      { column: 'status', message: expect.stringMatching(/^the status is on_hold but review_date is given/) },
    ])
    expect(statusRule(facts({ status: 'nonsense', review_date: '2016-01-01' }))).toEqual([])
  })
})

describe('copyValue', () => {
  it("writes values in COPY's text format, escaping what would be read as a separator or a null", () => {
    expect([null, true, false, 7].map(copyValue)).toEqual(['\\N', 't', 'f', '7'])
    expect(copyValue('\\N')).toBe('\\\\N')
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e')
    expect(copyValue('Zoë 👶🏽')).toBe('Zoë 👶🏽')
  })
})
