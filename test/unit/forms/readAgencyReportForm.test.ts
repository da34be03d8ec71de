import { readReport } from '../../../src/forms/readAgencyReportForm'
import { reportFields } from '../../integration/agencyRequests/agencyHelpers'

const hrefs = (result: ReturnType<typeof readReport>) => result.errors.errorSummary.map(e => e.href)

describe('the agency report form', () => {
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
})
