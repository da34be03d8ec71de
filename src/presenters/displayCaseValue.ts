import { formatNhsNumber } from '../domain/nhsNumber'
import { formatDate } from '../domain/dates'
import type { CaseField } from '../forms/caseFields'

/** A stored value as a person reads it: labels for codes, "4 June 2025" for dates, Yes or No. */
export function displayCaseValue(field: CaseField, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not recorded'
  if (Array.isArray(value))
    return value.length ? value.map(code => field.codes?.label(String(code)) ?? String(code)).join(', ') : 'None'
  switch (field.kind) {
    case 'date':
      return formatDate(String(value))
    case 'time':
      return String(value).slice(0, 5)
    case 'boolean':
      return value ? 'Yes' : 'No'
    case 'radios':
    case 'select':
      return field.codes?.label(String(value)) ?? String(value)
    case 'nhs_number':
      return formatNhsNumber(String(value))
    default:
      return String(value)
  }
}
