import { reportSections } from '../../../src/domain/agencyReport/questions'

describe('the agency report questions', () => {
  it('covers the sections of the agency report, each with Not known where it makes sense', () => {
    expect(reportSections.map(s => s.title)).toEqual([
      'About you and your agency',
      'Summary of the case and the circumstances leading to the death',
      'The child',
      'Family and environment',
      'Parenting capacity and care',
      'Service provision',
    ])
    reportSections
      .flatMap(s => s.questions)
      .filter(q => q.kind === 'radios' && q.name !== 'agency_involvement')
      .forEach(q =>
        expect([q.name, q.kind === 'radios' && q.options.some(o => o.value === 'not_known')]).toEqual([q.name, true]),
      )
  })
})
