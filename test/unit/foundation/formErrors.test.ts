import { addError, inFormOrder, noErrors } from '../../../src/utils/formErrors'

describe('inFormOrder', () => {
  it('puts the summary and the messages in the order of the form, keeping fields not listed last', () => {
    const errors = noErrors()
    addError(errors, 'sex', 'Select the sex')
    addError(errors, 'unlisted', 'Something else')
    addError(errors, 'nhs_number_missing_reason', 'Enter the NHS number, or select why there is none')
    addError(errors, 'family_name', 'Too long')
    inFormOrder(errors, ['family_name', 'nhs_number', 'nhs_number_missing_reason', 'sex'])
    expect(errors.errorSummary.map(e => e.href)).toEqual([
      '#family_name',
      '#nhs_number_missing_reason',
      '#sex',
      '#unlisted',
    ])
    expect(Object.keys(errors.formErrors)).toEqual(['family_name', 'nhs_number_missing_reason', 'sex', 'unlisted'])
  })

  it('leaves no errors as they are', () => {
    expect(inFormOrder(noErrors(), ['a'])).toEqual(noErrors())
  })
})
