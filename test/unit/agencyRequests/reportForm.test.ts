import { describeReport, readReport, reportSections } from '../../../src/services/agencyRequests/reportForm'
import { reportFields } from '../../integration/agencyRequests/agencyHelpers'

const hrefs = (result: ReturnType<typeof readReport>) => result.errors.errorSummary.map(e => e.href)

describe('the agency report form', () => {
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

  it('reads a complete report, keeping follow-ups only under the answer they belong to', () => {
    const result = readReport(reportFields({ barriers_details: 'left over from an earlier answer' }), 'submit')
    expect(result.errors.errorSummary).toEqual([])
    expect(result.answers).toMatchObject({
      bereavement_details: 'Referred to the local bereavement service.',
      family_factors: ['housing', 'smoking'],
    })
    expect(result.answers).not.toHaveProperty('barriers_details')
  })

  it('keeps a partial draft, but still refuses what is malformed', () => {
    expect(readReport({ reporter_name: 'Pat' }, 'draft').errors.errorSummary).toEqual([])
    const bad = readReport(
      {
        reporter_name: 'x'.repeat(201),
        mode_of_death: 'abducted_by_aliens',
        child_weight_kg: '-4',
        events: ['drowning', 'none_known'],
      },
      'draft',
    )
    expect(hrefs(bad)).toEqual(['#reporter_name', '#mode_of_death', '#events', '#child_weight_kg'])
    expect(bad.errors.formErrors.reporter_name).toBe('Your full name must be 200 characters or fewer')
    expect(bad.errors.formErrors.events).toBe('Select none known, or the ones that apply, not both')
    expect(bad.errors.formErrors.child_weight_kg).toBe('Weight must be a number between 0.2 and 250 kg')
  })

  it('needs every question answered on submission, in page order', () => {
    const result = readReport({}, 'submit')
    expect(hrefs(result).slice(0, 6)).toEqual([
      '#reporter_name',
      '#reporter_role',
      '#agency_involvement',
      '#mode_of_death',
      '#resuscitation_attempted',
      '#place_of_death',
    ])
    expect(hrefs(result)).not.toContain('#reporter_phone')
    expect(hrefs(result)).not.toContain('#child_height_cm')
    expect(hrefs(readReport(reportFields({ circumstances: 'given', circumstances_details: '' }), 'submit'))).toEqual([
      '#circumstances_details',
    ])
    expect(hrefs(readReport(reportFields({ bereavement_details: '' }), 'submit'))).toEqual(['#bereavement_details'])
  })

  it('asks an agency that had no involvement only about itself', () => {
    const result = readReport(
      { reporter_name: 'Lee', reporter_role: 'Officer', agency_involvement: 'no', poverty: 'yes' },
      'submit',
    )
    expect(result.errors.errorSummary).toEqual([])
    expect(result.answers).toEqual({ reporter_name: 'Lee', reporter_role: 'Officer', agency_involvement: 'no' })
    expect(result.involved).toBe(false)
  })

  it('reads tampered fields as text, never crashing', () => {
    const result = readReport({ reporter_name: ['a', 'b'], child: { given: true }, family_factors: 'housing' }, 'draft')
    expect(result.answers).toEqual({ reporter_name: 'a', family_factors: ['housing'] })
  })

  it('describes a report in words for the coordinator', () => {
    const sections = describeReport(readReport(reportFields(), 'submit').answers)
    const rows = Object.fromEntries(sections.flatMap(s => s.rows.map(r => [r.key, r.value])))
    expect(rows).toMatchObject({
      'Completed by': 'Dr Pat Practice',
      'Mode of death': 'Found dead or collapsed',
      'Events known to have happened': 'None known',
      'Known in the household': 'Poor or overcrowded housing\nSmoking in the household',
      Height: '82.5 cm',
      'Support offered': 'Referred to the local bereavement service.',
      'Parenting capacity and care of the child': 'Not applicable',
    })
    expect(describeReport({ agency_involvement: 'no', reporter_name: 'Lee' }).map(s => s.title)).toEqual([
      'About you and your agency',
    ])
  })
})
