import { caseDateProblems } from '../domain/caseRules'
import { isValidNhsNumber, normaliseNhsNumber } from '../domain/nhsNumber'
import { normalisePostcode } from '../domain/postcode'
import { parseTimeOfDay } from '../domain/timeOfDay'
import { dateInputValues, readDateInput } from '../utils/dateInput'
import { addError, FormErrors, inFormOrder, list, noErrors, text } from '../utils/formErrors'
import type { CaseAttributes, CaseField } from './caseFields'
import { truncate } from '../domain/wellFormedText'

export type RawValues = Record<string, string | string[]>
export type CaseValues = Partial<CaseAttributes>

export interface ReadResult {
  /** Exactly what the person typed, to show again if anything is wrong. */
  raw: RawValues
  /** The typed values of the fields that were valid. */
  values: CaseValues
  errors: FormErrors
}

const sentenceCase = (label: string) => label.charAt(0).toLowerCase() + label.slice(1)
// Very long input is cut before checking so a pasted novel cannot slow the page down.
const HARD_LIMIT = 100_000

/** Reads one field into the accumulated raw values, typed values and errors. */
function readField(field: CaseField, body: unknown, acc: ReadResult): void {
  const { errors } = acc
  const set = (value: unknown) => Object.assign(acc.values, { [field.attr]: value })
  const missing = () => {
    if (field.required) addError(errors, field.name, field.missing ?? `Enter ${sentenceCase(field.label)}`)
    set(null)
  }

  if (field.kind === 'date') {
    const date = readDateInput(body, field.name, sentenceCase(field.label), { required: field.required })
    Object.assign(acc.raw, date.raw)
    if (date.error) addError(errors, field.name, date.error.text, date.error.href)
    else set(date.value)
    return
  }

  if (field.kind === 'checkboxes') {
    const chosen = [...new Set(list(body, field.name))]
    acc.raw[field.name] = chosen
    if (chosen.some(code => !field.codes?.has(code)))
      addError(errors, field.name, 'Select from the list', `#${field.name}`)
    else set(chosen)
    return
  }

  const value = text(body, field.name, HARD_LIMIT)
  acc.raw[field.name] = value
  if (!value) return missing()

  switch (field.kind) {
    case 'text':
    case 'longtext':
      if (field.maxLength && value.length > field.maxLength) {
        addError(
          errors,
          field.name,
          `${field.label.replace(/ \(optional\)$/, '')} must be ${field.maxLength.toLocaleString('en-GB')} characters or fewer`,
        )
      } else set(value)
      return
    case 'time': {
      const time = parseTimeOfDay(value)
      if (time) set(time)
      else addError(errors, field.name, 'Enter the time of death in the 24-hour clock, like 14:30')
      return
    }
    case 'radios':
    case 'select':
      if (field.codes?.has(value)) set(value)
      else addError(errors, field.name, `Select ${sentenceCase(field.label.replace(/\?$/, ''))} from the list`)
      return
    case 'boolean':
      if (value === 'yes' || value === 'no') set(value === 'yes')
      else addError(errors, field.name, field.missing ?? `Select yes or no`)
      return
    case 'nhs_number': {
      const digits = normaliseNhsNumber(value)
      if (!/^\d{10}$/.test(digits)) addError(errors, field.name, 'NHS number must be 10 digits')
      else if (!isValidNhsNumber(digits))
        addError(
          errors,
          field.name,
          'Enter a valid NHS number: these 10 digits are not an NHS number. Check each digit',
        )
      else set(digits)
      return
    }
    case 'postcode': {
      const postcode = normalisePostcode(value)
      if (postcode) set(postcode)
      else addError(errors, field.name, 'Enter a real postcode, like SW1A 1AA')
    }
  }
}

/**
 * Reads the posted fields of one or more sections. `stored` holds the values the form does not
 * show (other sections of the case), so rules across sections, such as date order, still apply.
 */
export function readCaseForm(fields: CaseField[], body: unknown, stored: CaseValues, today: string): ReadResult {
  const raw: RawValues = {}
  const values: CaseValues = {}
  const errors = noErrors()
  fields.forEach(field => readField(field, body, { raw, values, errors }))

  const names = new Set(fields.map(f => f.name))
  if (names.has('nhs_number') && names.has('nhs_number_missing_reason')) {
    if (values.nhsNumber) values.nhsNumberMissingReason = null
    else if (!raw.nhs_number && !values.nhsNumberMissingReason && !errors.formErrors.nhs_number_missing_reason) {
      addError(
        errors,
        'nhs_number_missing_reason',
        'Enter the NHS number, or select why there is no NHS number',
        '#nhs_number_missing_reason',
      )
    }
  }

  if (names.has('jar_required') && names.has('jar_triggers')) {
    if (values.jarRequired === false) values.jarTriggers = []
    else if (values.jarRequired && !values.jarTriggers?.length && !errors.formErrors.jar_triggers) {
      addError(errors, 'jar_triggers', 'Select the triggers the death meets, as a joint agency response is required')
    }
  }

  const merged = { ...stored, ...values }
  caseDateProblems(merged, today).forEach(problem => {
    const shown = names.has(problem.field) ? problem : problem.alternative
    if (shown && names.has(shown.field) && !errors.formErrors[shown.field]) {
      addError(errors, shown.field, shown.message, `#${shown.field}-day`)
    }
  })
  return {
    raw,
    values,
    errors: inFormOrder(
      errors,
      fields.map(f => f.name),
    ),
  }
}

/** The form's raw values for a stored case, to fill in an edit form. */
export function rawFromCase(fields: CaseField[], stored: CaseValues): RawValues {
  const raw: RawValues = {}
  fields.forEach(field => {
    const value = stored[field.attr]
    if (field.kind === 'date') {
      Object.assign(raw, dateInputValues(field.name, stored[field.attr] as string | null))
    } else if (field.kind === 'boolean') {
      raw[field.name] = value === true ? 'yes' : value === false ? 'no' : '' // eslint-disable-line no-nested-ternary
    } else if (field.kind === 'checkboxes') {
      raw[field.name] = Array.isArray(value) ? value.map(String) : []
    } else if (field.kind === 'time') {
      raw[field.name] = typeof value === 'string' ? truncate(value, 5) : ''
    } else {
      raw[field.name] = value == null ? '' : String(value)
    }
  })
  return raw
}
