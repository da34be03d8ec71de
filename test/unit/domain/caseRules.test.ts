import { caseDateProblems } from '../../../src/domain/caseRules'
import { parseTimeOfDay } from '../../../src/domain/timeOfDay'

const TODAY = '2026-11-23'

describe('caseDateProblems', () => {
  it('accepts a death on the day before the 18th birthday, notified the same day', () => {
    expect(
      caseDateProblems({ dateOfBirth: '2008-11-23', dateOfDeath: '2026-11-22', notifiedAt: '2026-11-22' }, TODAY),
    ).toEqual([])
  })

  it('refuses a death on the 18th birthday as out of scope', () => {
    const problems = caseDateProblems({ dateOfBirth: '2008-11-22', dateOfDeath: '2026-11-22' }, TODAY)
    expect(problems).toEqual([
      {
        field: 'date_of_death',
        message: expect.stringContaining("on or after the child's 18th birthday (22 November 2026)"),
        alternative: { field: 'date_of_birth', message: expect.stringContaining('18 or over') },
      },
    ])
  })

  it('puts a 29 February 18th birthday on 28 February', () => {
    expect(caseDateProblems({ dateOfBirth: '2008-02-29', dateOfDeath: '2026-02-27' }, TODAY)).toEqual([])
    expect(caseDateProblems({ dateOfBirth: '2008-02-29', dateOfDeath: '2026-02-28' }, TODAY)).toHaveLength(1)
  })

  it('refuses dates in the future, birth after death and notification before death', () => {
    expect(caseDateProblems({ dateOfBirth: '2026-11-24' }, TODAY)[0].field).toBe('date_of_birth')
    expect(caseDateProblems({ dateOfDeath: '2026-11-24' }, TODAY)[0].field).toBe('date_of_death')
    expect(caseDateProblems({ dateOfBirth: '2020-01-02', dateOfDeath: '2020-01-01' }, TODAY)).toEqual([
      {
        field: 'date_of_birth',
        message: 'Date of birth must be the same as or before the date of death',
        alternative: {
          field: 'date_of_death',
          message: 'Date of death must be the same as or after the date of birth (2 January 2020)',
        },
      },
    ])
    expect(caseDateProblems({ dateOfDeath: '2020-01-02', notifiedAt: '2020-01-01' }, TODAY)).toEqual([
      {
        field: 'notified_at',
        message: 'Date notified must be the same as or after the date of death',
        alternative: {
          field: 'date_of_death',
          message: 'Date of death must be the same as or before the date the panel was told (1 January 2020)',
        },
      },
    ])
    expect(caseDateProblems({ notifiedAt: '2026-11-24' }, TODAY)[0].field).toBe('notified_at')
  })

  it('allows a child who died on the day they were born', () => {
    expect(
      caseDateProblems({ dateOfBirth: '2026-11-23', dateOfDeath: '2026-11-23', notifiedAt: '2026-11-23' }, TODAY),
    ).toEqual([])
  })
})

describe('parseTimeOfDay', () => {
  it.each([
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['09.05', '09:05'],
    [' 00:00 ', '00:00'],
    ['23:59', '23:59'],
  ])('reads %p as %p', (input, expected) => expect(parseTimeOfDay(input)).toBe(expected))

  it.each(['24:00', '12:60', '2pm', '1430', '', '12:3', '-1:00'])('refuses %p', input =>
    expect(parseTimeOfDay(input)).toBeNull(),
  )
})
