import {
  birthDateVariants,
  compareBirthDates,
  compareNames,
  matchDuplicate,
  trigramSimilarity,
  type PersonKey,
} from '../../../src/domain/duplicateMatch'

const child: PersonKey = {
  nhsNumber: '9434765919',
  givenNames: 'Tess',
  familyName: 'McTestface',
  dateOfBirth: '2024-02-14',
  dateOfDeath: '2025-11-03',
  sex: 'female',
}

describe('trigram similarity, as pg_trgm computes it', () => {
  it('agrees with PostgreSQL on known values', () => {
    // SELECT similarity('mctestface', 'mctestfase') = 0.5714286; similarity('word', 'two words') = 0.36363637
    expect(trigramSimilarity('McTestface', 'McTestfase')).toBeCloseTo(0.5714286, 6)
    expect(trigramSimilarity('word', 'two words')).toBeCloseTo(0.36363637, 6)
    expect(trigramSimilarity('', 'anything')).toBe(0)
    expect(trigramSimilarity('Smith', 'smith')).toBe(1)
  })
})

describe('names', () => {
  it.each([
    [{ givenNames: 'Tess', familyName: 'McTestface' }, 'same_name'],
    [{ givenNames: ' tess ', familyName: 'MCTESTFACE' }, 'same_name'],
    [{ givenNames: 'Tess', familyName: 'McTestfase' }, 'name_similar'],
    [{ givenNames: 'Tessa', familyName: 'McTestface' }, 'name_similar'],
    [{ givenNames: 'McTestface', familyName: 'Tess' }, 'names_swapped'],
    [{ givenNames: 'McTestfase', familyName: 'Tess' }, 'names_swapped'],
    [{ givenNames: null, familyName: 'McTestface' }, 'name_similar'],
    [{ givenNames: 'Oliver', familyName: 'Brown' }, null],
    [{ givenNames: null, familyName: null }, null],
  ] as [PersonKey, string | null][])('%j compared with Tess McTestface: %s', (other, expected) => {
    expect(compareNames(child, other)).toBe(expected)
  })
})

describe('dates of birth', () => {
  it.each([
    ['2024-02-14', 'date_of_birth'],
    ['2024-05-03', null], // neither swapped nor one digit
    ['2024-02-15', 'date_of_birth_one_digit'],
    ['2023-02-14', 'date_of_birth_one_digit'],
    ['2024-02-24', 'date_of_birth_one_digit'],
    ['2024-12-14', 'date_of_birth_one_digit'],
    ['2024-02-16', 'date_of_birth_one_digit'],
    ['2024-02-25', null], // two digits
  ])('2024-02-14 against %s: %s', (other, expected) => {
    expect(compareBirthDates('2024-02-14', other)).toBe(expected)
  })

  it('sees day and month swapped', () => {
    expect(compareBirthDates('2024-03-05', '2024-05-03')).toBe('date_of_birth_day_month_swapped')
    expect(compareBirthDates('2024-03-05', '2023-05-03')).toBeNull()
  })

  it('lists every real date a typist could have meant, for the index lookup', () => {
    const variants = birthDateVariants('2024-03-05')
    expect(variants).toContain('2024-03-05')
    expect(variants).toContain('2024-05-03')
    expect(variants).toContain('2024-03-06')
    expect(variants).toContain('2014-03-05')
    expect(variants).not.toContain('2024-13-05')
    expect(variants).not.toContain('2024-03-00')
    expect(new Set(variants).size).toBe(variants.length)
    for (const v of variants) expect(compareBirthDates('2024-03-05', v)).not.toBeNull()
    expect(birthDateVariants('not a date')).toEqual([])
  })
})

describe('matching a notification against an existing case', () => {
  const none = { nhsNumber: null }

  it('matches the same NHS number whatever else differs', () => {
    expect(
      matchDuplicate(child, { ...child, givenNames: 'Other', familyName: 'Person', dateOfDeath: '2020-01-01' }),
    ).toEqual({ reasons: ['nhs_number'], labels: ['NHS number'] })
  })

  it('catches the mistake from the issue: no NHS number, day and month swapped', () => {
    const match = matchDuplicate(
      { ...child, ...none, dateOfBirth: '2024-02-14' },
      { ...child, dateOfBirth: '2024-02-14' },
    )
    expect(match?.reasons).toEqual(['same_name', 'date_of_birth', 'date_of_death'])
    const swapped = matchDuplicate(
      { ...child, ...none, dateOfBirth: '2024-03-05' },
      { ...child, dateOfBirth: '2024-05-03' },
    )
    expect(swapped?.labels).toEqual(['same name', 'date of birth with day and month swapped', 'date of death'])
  })

  it('needs a similar name, a close date of birth and a date of death within a few days, together', () => {
    const base = { ...child, ...none }
    const near = matchDuplicate(base, {
      ...child,
      nhsNumber: null,
      givenNames: 'McTestfase',
      familyName: 'Tess',
      dateOfBirth: '2024-02-15',
      dateOfDeath: '2025-11-06',
    })
    expect(near?.labels).toEqual([
      'family name and given names swapped',
      'date of birth one digit different',
      'date of death within a few days',
    ])
    expect(matchDuplicate(base, { ...base, dateOfDeath: '2025-11-11' })).toBeNull() // 8 days apart
    expect(matchDuplicate(base, { ...base, dateOfBirth: '2024-04-16' })).toBeNull()
    expect(matchDuplicate(base, { ...base, givenNames: 'Oliver', familyName: 'Brown', sex: 'male' })).toBeNull()
  })

  it('keeps the rule of the same date of birth, date of death and sex when names differ or are missing', () => {
    const other = { ...child, ...none, givenNames: null, familyName: null }
    expect(matchDuplicate(other, { ...child, givenNames: 'Oliver', familyName: 'Brown' })?.reasons).toEqual([
      'birth_death_sex',
    ])
    expect(matchDuplicate(other, { ...child, sex: 'male' })).toBeNull()
  })

  it('treats two different NHS numbers as two children', () => {
    expect(matchDuplicate(child, { ...child, nhsNumber: '4010232137' })).toBeNull()
  })

  it('says nothing for missing dates', () => {
    expect(matchDuplicate({ ...none, givenNames: 'Tess' }, { ...none, givenNames: 'Tess' })).toBeNull()
  })
})
