import { dateInputValues, readDateInput } from '../../../src/utils/dateInput'

describe('GOV.UK date inputs', () => {
  it('reads a real date and keeps what was typed', () => {
    expect(readDateInput({ 'd-day': ' 4 ', 'd-month': '6', 'd-year': '2025' }, 'd', 'the date')).toEqual({
      parts: { day: '4', month: '6', year: '2025' },
      raw: { 'd-day': '4', 'd-month': '6', 'd-year': '2025' },
      value: '2025-06-04',
      error: null,
    })
  })

  it('explains a wrong date and links to the first box to fix', () => {
    expect(readDateInput({ 'd-day': '31', 'd-month': '2', 'd-year': '2025' }, 'd', 'the date').error).toEqual({
      text: 'The date must be a real date',
      href: '#d-day',
    })
    expect(readDateInput({ 'd-day': '3', 'd-year': '2025' }, 'd', 'the date').error?.href).toBe('#d-month')
  })

  it('treats empty boxes as no date unless one is required', () => {
    expect(readDateInput({}, 'd', 'the date')).toMatchObject({ value: null, error: null })
    expect(readDateInput({}, 'd', 'the date', { required: true }).error).toEqual({
      text: 'Enter the date',
      href: '#d-day',
    })
  })

  it('survives tampered input', () => {
    expect(
      readDateInput({ 'd-day': ['1', '2'], 'd-month': { x: 1 }, 'd-year': '2025' }, 'd', 'the date').value,
    ).toBeNull()
  })

  it('writes a stored date back into the three boxes', () => {
    expect(dateInputValues('d', '2025-06-04')).toEqual({ 'd-day': '4', 'd-month': '6', 'd-year': '2025' })
    expect(dateInputValues('d', null)).toEqual({ 'd-day': '', 'd-month': '', 'd-year': '' })
  })
})
