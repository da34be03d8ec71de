import {
  actionCompletionProblem,
  domainScore,
  finaliseProblems,
  hasGradeTwoModifiableFactor,
  IDENTIFIED_RULE_MESSAGE,
  isActionOverdue,
  modifiableFactorsProblem,
  reviewRecordingRefusal,
} from '../../../src/domain/reviewRules'

describe('the modifiable-factors rule', () => {
  it.each([
    [[], false],
    [[{ grade: 2, modifiable: false }], false],
    [[{ grade: 1, modifiable: true }], false],
    [[{ grade: 0, modifiable: true }], false],
    [[{ grade: 2, modifiable: true }], true],
    [
      [
        { grade: 1, modifiable: true },
        { grade: 2, modifiable: true },
      ],
      true,
    ],
  ])('finds a grade-2 modifiable factor in %j: %s', (factors, expected) => {
    expect(hasGradeTwoModifiableFactor(factors)).toBe(expected)
  })

  it('refuses "identified" without a grade-2 modifiable factor, and allows the other outcomes', () => {
    const weak = [{ grade: 1, modifiable: true }]
    expect(modifiableFactorsProblem('identified', weak)).toEqual({
      field: 'modifiable_factors',
      message: IDENTIFIED_RULE_MESSAGE,
    })
    expect(modifiableFactorsProblem('identified', [{ grade: 2, modifiable: true }])).toBeNull()
    expect(modifiableFactorsProblem('not_identified', [])).toBeNull()
    expect(modifiableFactorsProblem('inadequate_information', [])).toBeNull()
    expect(modifiableFactorsProblem(null, [])).toBeNull()
  })

  it('reads grades stored as numbers or numeric strings alike', () => {
    expect(hasGradeTwoModifiableFactor([{ grade: '2' as unknown as number, modifiable: true }])).toBe(true)
  })
})

describe('completeness before finalising', () => {
  const complete = { agenciesPresent: ['police'], category: 5, modifiableFactors: 'not_identified' as const }

  it('has nothing to say about a complete review', () => {
    expect(finaliseProblems(complete, [])).toEqual([])
  })

  it('lists each missing answer in the order of the form', () => {
    expect(
      finaliseProblems({ agenciesPresent: [], category: null, modifiableFactors: null }, []).map(p => p.field),
    ).toEqual(['agencies_present', 'category', 'modifiable_factors'])
  })

  it('applies the identified rule', () => {
    const problems = finaliseProblems({ ...complete, modifiableFactors: 'identified' }, [
      { grade: 2, modifiable: false },
    ])
    expect(problems).toEqual([{ field: 'modifiable_factors', message: IDENTIFIED_RULE_MESSAGE }])
    expect(
      finaliseProblems({ ...complete, modifiableFactors: 'identified' }, [{ grade: 2, modifiable: true }]),
    ).toEqual([])
  })
})

describe('who may record the review', () => {
  it.each([
    [['coordinator'], null, false, null],
    [['admin'], null, false, null],
    [['coordinator'], null, true, 'declared_interest'],
    [['panel_member'], 'chair', false, null],
    [['panel_member'], 'chair', true, 'declared_interest'],
    [['panel_member'], 'police', false, 'not_chair'],
    [['panel_member'], null, false, 'not_invited'],
    [['public_health'], 'chair', false, 'not_invited'],
  ] as const)('roles %j sitting as %s, declared %s: %s', (roles, capacity, declaredInterest, expected) => {
    expect(reviewRecordingRefusal({ roles, capacity, declaredInterest })).toBe(expected)
  })
})

describe('domain score and overdue actions', () => {
  it('scores a domain by its highest grade', () => {
    expect(domainScore([])).toBeNull()
    expect(
      domainScore([
        { grade: 0, modifiable: false },
        { grade: 2, modifiable: false },
        { grade: 1, modifiable: true },
      ]),
    ).toBe(2)
  })

  it.each([
    [{ dueDate: '2025-06-30', status: 'open' }, true],
    [{ dueDate: '2025-06-30', status: 'in_progress' }, true],
    [{ dueDate: '2025-06-30', status: 'complete' }, false],
    [{ dueDate: '2025-06-30', status: 'not_accepted' }, false],
    [{ dueDate: '2025-07-01', status: 'open' }, false],
    [{ dueDate: null, status: 'open' }, false],
  ] as const)('%j is overdue on 1 July 2025: %s', (action, expected) => {
    expect(isActionOverdue(action, '2025-07-01')).toBe(expected)
  })
})

describe('completing an action', () => {
  it('needs evidence of impact, and only when complete', () => {
    expect(actionCompletionProblem('complete', null)).toEqual({
      field: 'evidence_of_impact',
      message: 'Enter the evidence of impact before marking the action complete',
    })
    expect(actionCompletionProblem('complete', '  \n ')?.field).toBe('evidence_of_impact')
    expect(actionCompletionProblem('complete', 'Audit shows the leaflet is given')).toBeNull()
    expect(actionCompletionProblem('open', null)).toBeNull()
    expect(actionCompletionProblem('in_progress', '')).toBeNull()
    expect(actionCompletionProblem('not_accepted', null)).toBeNull()
  })
})
