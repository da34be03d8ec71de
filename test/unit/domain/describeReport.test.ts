import { describeReport } from '../../../src/domain/agencyReport/describeReport'
import { readReport } from '../../../src/forms/readAgencyReportForm'
import { reportFields } from '../../integration/agencyRequests/agencyHelpers'

describe('the agency report in words', () => {
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
