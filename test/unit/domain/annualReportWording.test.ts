import { describeAuditEvent } from '../../../src/domain/auditWording'
import { identifierRefusal } from '../../../src/services/report/caseIdentifiers'

const CASE = '11111111-1111-4111-8111-111111111111'
const names = { caseRef: (id: string) => (id === CASE ? 'CDOP-2016-0007' : undefined), person: () => undefined }
const say = (action: string, details: Record<string, unknown>, entityType = 'case', entityId = CASE) =>
  describeAuditEvent({ action, entityType, entityId, details }, names)

describe('the annual report in words', () => {
  it('says what each curation step and list view recorded', () => {
    expect(say('report_learning_listed', { shown: 3 }, 'report', '2016-17')).toBe(
      'Viewed the learning for the 2016-17 annual report (3 items listed)',
    )
    expect(say('report_learning_viewed', { sourceType: 'review' })).toBe(
      'Read the original learning points of case CDOP-2016-0007 to curate them for the annual report',
    )
    expect(say('report_learning_decided', { sourceType: 'action', decision: 'include' })).toBe(
      'Included a recommendation of case CDOP-2016-0007 in the annual report, in curated wording',
    )
    expect(say('report_learning_decided', { sourceType: 'case', decision: 'leave_out' })).toBe(
      'Left the learning points of case CDOP-2016-0007 out of the annual report',
    )
    expect(say('report_actions_viewed', { shown: 1 }, 'report', '2016-17')).toBe(
      'Viewed the actions and their impact for the 2016-17 annual report (1 action shown)',
    )
    expect(say('data_quality_viewed', { caseIds: [CASE, CASE] }, 'report', '2016-17')).toBe(
      'Viewed the data quality list for 2016-17 (2 cases listed)',
    )
  })

  it('gives the reason a curated wording is refused without repeating the identifier', () => {
    expect(identifierRefusal(['nhs_number'])).toBe(
      'The wording still contains the child’s NHS number: reword it so the child and family cannot be identified',
    )
    expect(identifierRefusal(['name', 'postcode', 'term'])).toContain(
      'a name from the case (the child’s, the family’s or a professional’s), the family’s postcode and the case reference',
    )
  })
})
