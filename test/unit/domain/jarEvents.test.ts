import { jarEventDateProblem, jarEventKindProblem } from '../../../src/domain/jarEvents'

describe('joint agency response event rules', () => {
  const context = { dateOfDeath: '2025-06-01', today: '2025-07-01', others: [] }

  it('accepts a date from the day of death to today', () => {
    expect(jarEventDateProblem('home_visit', '2025-06-01', context)).toBeNull()
    expect(jarEventDateProblem('home_visit', '2025-07-01', context)).toBeNull()
  })

  it('refuses a date before the death or in the future', () => {
    expect(jarEventDateProblem('post_mortem', '2025-05-31', context)).toBe(
      'The date of the event must be on or after the date of death (1 June 2025)',
    )
    expect(jarEventDateProblem('post_mortem', '2025-07-02', context)).toBe(
      'The date of the event must be today or in the past',
    )
  })

  it('keeps an inquest’s conclusion on or after its opening, either way round', () => {
    const opened = { ...context, others: [{ kind: 'inquest_opened' as const, eventDate: '2025-06-20' }] }
    expect(jarEventDateProblem('inquest_concluded', '2025-06-19', opened)).toBe(
      'The inquest cannot conclude before it opened (20 June 2025)',
    )
    expect(jarEventDateProblem('inquest_concluded', '2025-06-20', opened)).toBeNull()
    const concluded = { ...context, others: [{ kind: 'inquest_concluded' as const, eventDate: '2025-06-10' }] }
    expect(jarEventDateProblem('inquest_opened', '2025-06-11', concluded)).toBe(
      'The inquest cannot open after it concluded (10 June 2025)',
    )
  })

  it('allows one initial strategy discussion and one inquest opening and conclusion, and repeats of the rest', () => {
    const others = [
      { kind: 'strategy_discussion_initial' as const },
      { kind: 'strategy_discussion_follow_up' as const },
      { kind: 'post_mortem' as const },
      { kind: 'inquest_opened' as const },
    ]
    expect(jarEventKindProblem('strategy_discussion_initial', others)).toMatch(/already has this event/)
    expect(jarEventKindProblem('inquest_opened', others)).toMatch(/already has this event/)
    expect(jarEventKindProblem('strategy_discussion_follow_up', others)).toBeNull()
    expect(jarEventKindProblem('post_mortem', others)).toBeNull()
    expect(jarEventKindProblem('inquest_concluded', others)).toBeNull()
  })
})
