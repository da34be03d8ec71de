import { readIntent, readReviewForm, readTextAnswers } from '../../../src/forms/readReviewForm'

const TODAY = '2026-01-15'

describe('reading the review form', () => {
  it.each([
    [{}, { kind: 'save' }],
    [{ intent: 'save' }, { kind: 'save' }],
    [{ intent: 'finalise' }, { kind: 'finalise' }],
    [{ intent: 'defer' }, { kind: 'defer' }],
    [{ intent: 'add_factor:child' }, { kind: 'add_factor', domain: 'child' }],
    [{ intent: 'add_factor:nonsense' }, { kind: 'save' }],
    [{ intent: 'remove_factor:abc' }, { kind: 'remove_factor', id: 'abc' }],
    [{ intent: 'add_recommendation' }, { kind: 'add_recommendation' }],
    [{ intent: ['defer', 'save'] }, { kind: 'defer' }],
  ])('reads the button %j', (body, expected) => {
    expect(readIntent(body)).toEqual(expected)
  })

  it('reads the answers, leaving empty choices empty', () => {
    const form = readReviewForm(
      {
        agencies_present: ['police', 'gp'],
        category: '5',
        modifiable_factors: '',
        likely_cause_of_death: ' Sepsis ',
        learning_points: '',
        safeguarding_referral: 'no',
        leder_referral: '',
      },
      TODAY,
    )
    expect(form.errors.errorSummary).toEqual([])
    expect(form.values).toEqual({
      agenciesPresent: ['gp', 'police'],
      category: 5,
      modifiableFactors: null,
      likelyCauseOfDeath: 'Sepsis',
      learningPoints: null,
      safeguardingReferral: false,
      lederReferral: null,
    })
    expect(form.addFactors).toEqual([])
    expect(form.addRecommendations).toEqual([])
  })

  it('refuses unknown codes and keeps what was typed', () => {
    const form = readReviewForm(
      { agencies_present: ['police', 'martians'], category: '11', modifiable_factors: 'maybe' },
      TODAY,
    )
    expect(form.errors.errorSummary.map(e => e.href)).toEqual(['#agencies_present', '#category', '#modifiable_factors'])
    expect(form.raw).toMatchObject({
      agencies_present: ['police', 'martians'],
      category: '11',
      modifiable_factors: 'maybe',
    })
  })

  it('requires the factor of the domain whose Add button was pressed, and adds any other typed in', () => {
    const missing = readReviewForm({ intent: 'add_factor:child' }, TODAY)
    expect(missing.errors.errorSummary.map(e => e.href)).toEqual([
      '#factor_child_description',
      '#factor_child_grade',
      '#factor_child_modifiable',
    ])
    const both = readReviewForm(
      {
        intent: 'add_factor:child',
        factor_child_description: 'Asthma',
        factor_child_grade: '2',
        factor_child_modifiable: 'yes',
        factor_service_provision_description: 'Delay in ambulance',
        factor_service_provision_grade: '1',
        factor_service_provision_modifiable: 'no',
      },
      TODAY,
    )
    expect(both.errors.errorSummary).toEqual([])
    expect(both.addFactors).toEqual([
      { domain: 'child', description: 'Asthma', grade: 2, modifiable: true },
      { domain: 'service_provision', description: 'Delay in ambulance', grade: 1, modifiable: false },
    ])
  })

  it('reads a recommendation with its due date, refusing a past or unreal one', () => {
    const good = readReviewForm(
      {
        recommendation_description: 'Safer sleep campaign',
        recommendation_level: 'regional',
        recommendation_owner: 'Public health',
        'recommendation_due-day': '31',
        'recommendation_due-month': '3',
        'recommendation_due-year': '2026',
      },
      TODAY,
    )
    expect(good.addRecommendations).toEqual([
      {
        description: 'Safer sleep campaign',
        level: 'regional',
        ownerOrganisation: 'Public health',
        dueDate: '2026-03-31',
      },
    ])
    const past = readReviewForm(
      {
        recommendation_description: 'X',
        recommendation_level: 'local',
        'recommendation_due-day': '1',
        'recommendation_due-month': '1',
        'recommendation_due-year': '2020',
      },
      TODAY,
    )
    expect(past.errors.formErrors.recommendation_due).toBe('Due date must be today or in the future')
    const unreal = readReviewForm(
      {
        intent: 'add_recommendation',
        'recommendation_due-day': '31',
        'recommendation_due-month': '2',
        'recommendation_due-year': '2026',
      },
      TODAY,
    )
    expect(unreal.errors.formErrors).toMatchObject({
      recommendation_description: 'Enter the recommendation',
      recommendation_level: 'Select the level of the recommendation',
      recommendation_due: 'Due date must be a real date',
    })
  })

  it('reads only the text answers sent by the autosave, with their limits', () => {
    expect(readTextAnswers({ learning_points: 'Share learning' }).values).toEqual({ learningPoints: 'Share learning' })
    expect(readTextAnswers({ likely_cause_of_death: 'x'.repeat(2001) }).errors.formErrors).toEqual({
      likely_cause_of_death: 'Likely cause of death must be 2,000 characters or fewer',
    })
    expect(readTextAnswers({ learning_points: ['a', 'b'] }).values).toEqual({})
  })
})
