import { fieldsWithUnusualCharacters, UNUSUAL_CHARACTERS_MESSAGE } from './formHygiene'
import { truncate } from '../domain/wellFormedText'

/** The GOV.UK error shape: one summary list linking to each field, and a message per field. */
export interface FormErrors {
  errorSummary: { text: string; href: string }[]
  formErrors: Record<string, string>
}

/**
 * A form's errors, starting with one for each field of the posted form that had unusual
 * characters (removed on arrival, see utils/formHygiene.ts): every form refuses them with a field
 * message and shows what was typed, without them, for the person to check and send again.
 */
export const noErrors = (): FormErrors => {
  const errors: FormErrors = { errorSummary: [], formErrors: {} }
  fieldsWithUnusualCharacters().forEach(field => addError(errors, field, UNUSUAL_CHARACTERS_MESSAGE))
  return errors
}

export const hasErrors = (errors: FormErrors): boolean => errors.errorSummary.length > 0

/** Field names are snake_case items; element ids are the same names, so links land on the input. */
export function addError(errors: FormErrors, field: string, text: string, href = `#${field}`): void {
  if (errors.formErrors[field]) return // the first problem with a field is the one to fix first
  errors.formErrors[field] = text
  errors.errorSummary.push({ text, href })
}

/**
 * Puts the summary in the order of the form's fields, as GOV.UK asks: checks across fields (an NHS
 * number or a reason, dates in order) run after the fields themselves, but their errors belong
 * where their field is on the page. `fieldOrder` lists the form's field names top to bottom;
 * errors of fields not listed keep their place after the listed ones. Stable for equal places.
 */
export function inFormOrder(errors: FormErrors, fieldOrder: readonly string[]): FormErrors {
  const fields = Object.keys(errors.formErrors) // addError keeps these in step with the summary
  if (fields.length !== errors.errorSummary.length) return errors
  const place = (field: string) => {
    const index = fieldOrder.indexOf(field)
    return index === -1 ? fieldOrder.length : index
  }
  const ordered = errors.errorSummary
    .map((entry, i) => ({ entry, field: fields[i], i }))
    .sort((a, b) => place(a.field) - place(b.field) || a.i - b.i)
  errors.errorSummary = ordered.map(o => o.entry)
  errors.formErrors = Object.fromEntries(ordered.map(o => [o.field, errors.formErrors[o.field]]))
  return errors
}

/** Reads a form field as trimmed text whatever was posted (arrays and objects from tampered forms included). */
export function text(body: unknown, name: string, maxLength = 10_000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? truncate(first.trim(), maxLength) : ''
}

/** Reads a field exactly as typed (passwords: spaces at either end are part of them). */
export function untrimmed(body: unknown, name: string, maxLength = 10_000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? truncate(first, maxLength) : ''
}

/** Reads a field that may be posted several times (checkboxes) as a list of strings. */
export function list(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  const values = Array.isArray(value) ? value : [value]
  return values.filter((v): v is string => typeof v === 'string' && v !== '')
}
