import { formatProblem } from '../../../src/services/import/importProblem'
import { ImportRow, validateRow } from '../../../src/services/import/validateRow'

const TODAY = '2026-01-15'
const ROW = 14

const VALID: ImportRow = {
  case_ref: 'OLD-2015-001',
  date_of_birth: '2010-03-04',
  date_of_death: '2015-06-07',
  sex: 'female',
  expected: 'unexpected',
}

const REVIEWED: ImportRow = {
  ...VALID,
  review_date: '2016-01-20',
  category: '8',
  modifiable_factors: 'not_identified',
}

function problemsOf(row: ImportRow) {
  const result = validateRow(row, ROW, TODAY)
  return result.ok ? [] : result.problems.map(p => [p.column, p.message])
}

function valueOf(row: ImportRow) {
  const result = validateRow(row, ROW, TODAY)
  if (!result.ok) throw new Error(`Expected a valid row: ${JSON.stringify(result.problems)}`)
  return result.value
}

/** The one message for `column`, asserting it is the only problem of the row. */
function onlyProblem(row: ImportRow, column: string): string {
  const problems = problemsOf(row)
  expect(problems.map(([c]) => c)).toEqual([column])
  return problems[0][1] as string
}

describe('validateRow', () => {
  describe('a good row', () => {
    it('applies the contract defaults to the empty optional columns', () => {
      expect(valueOf(VALID)).toEqual({
        caseRef: 'OLD-2015-001',
        givenNames: null,
        familyName: null,
        nhsNumber: null,
        dateOfBirth: '2010-03-04',
        dateOfDeath: '2015-06-07',
        sex: 'female',
        ethnicity: 'not_known',
        localAuthority: null,
        ward: null,
        postcode: null,
        resident: true,
        placeOfDeath: null,
        expected: 'unexpected',
        notifiedAt: '2015-06-07',
        jarDate: null,
        status: 'information_gathering',
        onHoldReason: null,
        reviewDate: null,
        category: null,
        modifiableFactors: null,
        preventability: null,
        learningPoints: null,
      })
    })

    it('reads every column when all are given, trimming spaces around cells', () => {
      const value = valueOf({
        ...REVIEWED,
        case_ref: '  OLD-2015-002 ',
        given_names: 'Ada Mary',
        family_name: "O'Brien",
        nhs_number: '943 476 5919',
        sex: ' male ',
        ethnicity: 'N',
        local_authority: 'Leeds',
        ward: 'Headingley',
        postcode: 'ls6 3ab',
        resident: 'no',
        place_of_death: 'hospital_ward',
        expected: 'expected',
        notified_at: '2015-06-08',
        jar_date: '2015-06-07',
        status: 'reviewed',
        preventability: 'not_preventable',
        learning_points: 'Safer sleep advice.\nA second line.',
      })
      expect(value).toMatchObject({
        caseRef: 'OLD-2015-002',
        givenNames: 'Ada Mary',
        familyName: "O'Brien",
        nhsNumber: '9434765919',
        sex: 'male',
        ethnicity: 'N',
        postcode: 'LS6 3AB',
        resident: false,
        placeOfDeath: 'hospital_ward',
        expected: 'expected',
        notifiedAt: '2015-06-08',
        jarDate: '2015-06-07',
        status: 'reviewed',
        reviewDate: '2016-01-20',
        category: 8,
        modifiableFactors: 'not_identified',
        preventability: 'not_preventable',
        learningPoints: 'Safer sleep advice.\nA second line.',
      })
    })

    it('treats a cell of spaces as empty', () => {
      expect(valueOf({ ...VALID, ethnicity: '   ', resident: ' ' })).toMatchObject({
        ethnicity: 'not_known',
        resident: true,
      })
    })
  })

  describe('required columns', () => {
    it.each([
      ['case_ref', 'the case reference is missing: every case needs one'],
      ['date_of_birth', 'the date of birth is missing: every case needs one'],
      ['date_of_death', 'the date of death is missing: every case needs one'],
      ['sex', 'the sex is missing: write male, female, indeterminate, not_known'],
      ['expected', 'this is missing: write expected or unexpected'],
    ])('refuses an empty %s', (column, message) => {
      expect(onlyProblem({ ...VALID, [column]: '' }, column)).toBe(message)
    })

    it('lists every problem of the row, in column order, each with the row number', () => {
      const result = validateRow({ sex: 'boy' }, 7, TODAY)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.problems.map(p => [p.row, p.column])).toEqual([
        [7, 'case_ref'],
        [7, 'date_of_birth'],
        [7, 'date_of_death'],
        [7, 'sex'],
        [7, 'expected'],
      ])
    })
  })

  describe('codes', () => {
    it.each([
      ['sex', 'boy', '"boy" is not one of the codes male, female, indeterminate, not_known'],
      ['sex', 'Male', '"Male" is not a code: write male'],
      ['ethnicity', 'I', '"I" is not one of the codes A, B, C, D, E, F, G, H, J, K, L, M, N, P, R, S, Z, not_known'],
      ['ethnicity', 'a', '"a" is not a code: write A'],
      [
        'place_of_death',
        'hospital',
        expect.stringContaining('"hospital" is not one of the codes hospital_emergency_department,'),
      ],
      ['expected', 'yes', '"yes" is not one of the codes expected, unexpected'],
      [
        'status',
        'closed',
        expect.stringContaining('"closed" is not one of the codes notified, information_gathering,'),
      ],
      ['resident', 'Y', '"Y" is not yes or no'],
    ])('refuses %s %j', (column, value, message) => {
      expect(onlyProblem({ ...VALID, [column]: value }, column)).toEqual(message)
    })

    it.each([
      ['category', '0'],
      ['category', '11'],
      ['category', '01'],
      ['modifiable_factors', 'yes'],
      ['preventability', 'maybe'],
    ])('refuses the review outcome %s %j', (column, value) => {
      expect(onlyProblem({ ...REVIEWED, [column]: value }, column)).toMatch(
        new RegExp(`^"${value}" is not one of the codes`),
      )
    })

    it('accepts every category from 1 to 10 as a number', () => {
      for (let category = 1; category <= 10; category += 1) {
        expect(valueOf({ ...REVIEWED, category: String(category) }).category).toBe(category)
      }
    })

    it('quotes a long wrong value back only in part', () => {
      expect(onlyProblem({ ...VALID, sex: 'x'.repeat(100) }, 'sex')).toContain(`"${'x'.repeat(40)}…" is not one of`)
    })
  })

  describe('dates', () => {
    it.each([
      ['date_of_birth', '04/03/2010', '"04/03/2010" is not a date written as YYYY-MM-DD, like 2016-04-01'],
      ['date_of_birth', '2010-3-4', '"2010-3-4" is not a date written as YYYY-MM-DD, like 2016-04-01'],
      ['date_of_death', '2015-02-29', '2015-02-29 is not a real date'],
      ['notified_at', '2015-13-01', '2015-13-01 is not a real date'],
      ['jar_date', 'yesterday', '"yesterday" is not a date written as YYYY-MM-DD, like 2016-04-01'],
    ])('refuses %s %j', (column, value, message) => {
      expect(onlyProblem({ ...VALID, [column]: value }, column)).toBe(message)
    })

    it('refuses a review date that is not a real date', () => {
      expect(onlyProblem({ ...REVIEWED, review_date: '2016-02-30' }, 'review_date')).toBe(
        '2016-02-30 is not a real date',
      )
    })

    it('refuses a date of birth or death in the future', () => {
      expect(onlyProblem({ ...VALID, date_of_death: '2026-01-16' }, 'date_of_death')).toBe(
        'date of death must be today or in the past',
      )
      expect(problemsOf({ ...VALID, date_of_birth: '2026-02-01', date_of_death: '2026-02-02' })).toEqual(
        expect.arrayContaining([['date_of_birth', 'date of birth must be today or in the past']]),
      )
      expect(valueOf({ ...VALID, date_of_death: TODAY }).dateOfDeath).toBe(TODAY)
    })

    it('refuses a birth after the death', () => {
      expect(onlyProblem({ ...VALID, date_of_birth: '2015-06-08' }, 'date_of_birth')).toBe(
        'date of birth must be the same as or before the date of death',
      )
    })

    it('refuses a death on or after the 18th birthday, and accepts the day before', () => {
      expect(onlyProblem({ ...VALID, date_of_birth: '1997-06-07' }, 'date_of_death')).toMatch(
        /^the date of death is on or after the child's 18th birthday \(7 June 2015\)/,
      )
      expect(valueOf({ ...VALID, date_of_birth: '1997-06-08' }).dateOfBirth).toBe('1997-06-08')
    })

    it('counts a 29 February birthday as 28 February in other years', () => {
      expect(problemsOf({ ...VALID, date_of_birth: '2000-02-29', date_of_death: '2018-02-28' })).toHaveLength(1)
      expect(valueOf({ ...VALID, date_of_birth: '2000-02-29', date_of_death: '2018-02-27' }).dateOfDeath).toBe(
        '2018-02-27',
      )
    })

    it('refuses a notification before the death or in the future', () => {
      expect(onlyProblem({ ...VALID, notified_at: '2015-06-06' }, 'notified_at')).toBe(
        'date notified must be the same as or after the date of death',
      )
      expect(onlyProblem({ ...VALID, notified_at: '2026-01-16' }, 'notified_at')).toBe(
        'date notified must be today or in the past',
      )
    })

    it('refuses a joint agency response before the death or in the future', () => {
      expect(onlyProblem({ ...VALID, jar_date: '2015-06-06' }, 'jar_date')).toBe(
        'date the joint agency response started must be the same as or after the date of death',
      )
      expect(onlyProblem({ ...VALID, jar_date: '2026-01-16' }, 'jar_date')).toBe(
        'date the joint agency response started must be today or in the past',
      )
    })

    it('refuses a review before the death or in the future', () => {
      expect(onlyProblem({ ...REVIEWED, review_date: '2015-06-06' }, 'review_date')).toBe(
        'the review date is before the date of death',
      )
      expect(onlyProblem({ ...REVIEWED, review_date: '2026-01-16' }, 'review_date')).toBe(
        'the review date is in the future',
      )
      expect(valueOf({ ...REVIEWED, review_date: '2015-06-07' }).reviewDate).toBe('2015-06-07')
    })
  })

  describe('NHS number', () => {
    it('accepts spaces and stores the bare digits', () => {
      expect(valueOf({ ...VALID, nhs_number: ' 943 476 5919 ' }).nhsNumber).toBe('9434765919')
    })

    it.each([
      ['943476591', 'the NHS number must be 10 digits (spaces between them are fine)'],
      ['94347659190', 'the NHS number must be 10 digits (spaces between them are fine)'],
      ['943476591X', 'the NHS number must be 10 digits (spaces between them are fine)'],
      ['9434765918', 'this is not a valid NHS number: its check digit is wrong'],
    ])('refuses %j', (value, message) => {
      expect(onlyProblem({ ...VALID, nhs_number: value }, 'nhs_number')).toBe(message)
    })
  })

  describe('text', () => {
    it('normalises a postcode and refuses one that is not a UK postcode', () => {
      expect(valueOf({ ...VALID, postcode: 'sw1a1aa' }).postcode).toBe('SW1A 1AA')
      expect(onlyProblem({ ...VALID, postcode: 'SW1' }, 'postcode')).toBe(
        'this is not a UK postcode: write it like SW1A 1AA',
      )
    })

    it.each([
      ['case_ref', 101, 'this is longer than 100 characters'],
      ['given_names', 201, 'this is longer than 200 characters'],
      ['family_name', 201, 'this is longer than 200 characters'],
      ['local_authority', 201, 'this is longer than 200 characters'],
      ['ward', 201, 'this is longer than 200 characters'],
      ['learning_points', 20_001, 'this is longer than 20,000 characters'],
    ])('refuses a %s of %i characters', (column, length, message) => {
      expect(onlyProblem({ ...VALID, [column]: 'a'.repeat(length) }, column)).toBe(message)
      expect(validateRow({ ...VALID, [column]: 'a'.repeat(length - 1) }, ROW, TODAY).ok).toBe(true)
    })

    it('refuses control characters that cannot be saved, but keeps tabs and line breaks', () => {
      expect(onlyProblem({ ...VALID, given_names: 'Ada\u0000' }, 'given_names')).toBe(
        'this cell has a control character in it (such as NUL) that cannot be saved',
      )
      expect(valueOf({ ...VALID, learning_points: 'one\ttwo\r\nthree' }).learningPoints).toBe('one\ttwo\r\nthree')
    })
  })

  describe('review and status', () => {
    it('makes a case with a review date reviewed', () => {
      expect(valueOf(REVIEWED)).toMatchObject({ status: 'reviewed', reviewDate: '2016-01-20', category: 8 })
    })

    it('needs a category with a review date', () => {
      expect(onlyProblem({ ...REVIEWED, category: '' }, 'category')).toBe(
        'the category of death is missing: a reviewed case (with a review_date) needs one',
      )
    })

    it('needs modifiable factors with a review date, unless preventability is given', () => {
      expect(onlyProblem({ ...REVIEWED, modifiable_factors: '' }, 'modifiable_factors')).toBe(
        'this is missing: a reviewed case needs modifiable_factors, or preventability for a review before April 2010',
      )
      expect(valueOf({ ...REVIEWED, modifiable_factors: '', preventability: 'potentially_preventable' })).toMatchObject(
        {
          modifiableFactors: null,
          preventability: 'potentially_preventable',
        },
      )
    })

    it('accepts modifiable factors identified without contributory factors, as history has none', () => {
      expect(valueOf({ ...REVIEWED, modifiable_factors: 'identified' }).modifiableFactors).toBe('identified')
    })

    it.each(['category', 'modifiable_factors', 'preventability'])('refuses %s without a review date', column => {
      const value = { category: '3', modifiable_factors: 'identified', preventability: 'preventable' }[column]
      expect(onlyProblem({ ...VALID, [column]: value }, column)).toBe(
        'this is the outcome of a review, so it needs the review_date of that review',
      )
    })

    it('refuses status reviewed without a review date', () => {
      expect(onlyProblem({ ...VALID, status: 'reviewed' }, 'status')).toBe(
        'the status is reviewed but review_date is empty: give the date the panel finished the review',
      )
    })

    it('refuses a review date with a status other than reviewed', () => {
      expect(onlyProblem({ ...REVIEWED, status: 'information_gathering' }, 'status')).toBe(
        'the status is information_gathering but review_date is given: a case with a review date is reviewed',
      )
    })

    it('refuses scheduled, as an imported case is on no meeting agenda', () => {
      expect(onlyProblem({ ...VALID, status: 'scheduled' }, 'status')).toMatch(/cannot be imported as scheduled/)
    })

    it.each(['notified', 'information_gathering', 'ready_for_panel', 'transferred_out', 'out_of_scope'])(
      'accepts the open or closed status %s without a review date',
      status => {
        expect(valueOf({ ...VALID, status })).toMatchObject({ status, onHoldReason: null })
      },
    )

    it('imports a case on hold with the hold reason "other", as the file cannot say which', () => {
      expect(valueOf({ ...VALID, status: 'on_hold' })).toMatchObject({ status: 'on_hold', onHoldReason: 'other' })
    })
  })

  it('reads as a person would in a list of problems', () => {
    const result = validateRow({ ...VALID, date_of_birth: '1990-01-01' }, ROW, TODAY)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(formatProblem(result.problems[0])).toBe(
      "Row 14, date_of_death: the date of death is on or after the child's 18th birthday (1 January 2008). Only deaths before the 18th birthday are reviewed by the panel",
    )
  })
})
