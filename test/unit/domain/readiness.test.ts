import { ANONYMISED_SUMMARY_GAP, JAR_NOT_RECORDED_GAP, recordGaps } from '../../../src/domain/readiness'

describe('what the panel’s pack needs from the case record', () => {
  const complete = {
    anonymisedCircumstances: 'A summary',
    postMortem: 'received' as const,
    expected: 'unexpected',
    jarRequired: true,
  }

  it('is nothing for a complete record', () => {
    expect(recordGaps(complete)).toEqual([])
    expect(recordGaps({ ...complete, postMortem: null, expected: 'expected', jarRequired: null })).toEqual([])
  })

  it('names each gap in the order of the pack', () => {
    expect(
      recordGaps({ anonymisedCircumstances: '  ', postMortem: 'awaited', expected: 'unexpected', jarRequired: null }),
    ).toEqual([
      { kind: 'anonymised_summary', text: ANONYMISED_SUMMARY_GAP },
      { kind: 'post_mortem', status: 'awaited', text: 'Post-mortem awaited: report not yet received' },
      { kind: 'jar_not_recorded', text: JAR_NOT_RECORDED_GAP },
    ])
    expect(recordGaps({ ...complete, postMortem: 'required' }).map(g => g.kind)).toEqual(['post_mortem'])
    expect(recordGaps({ ...complete, anonymisedCircumstances: null }).map(g => g.kind)).toEqual(['anonymised_summary'])
  })
})
