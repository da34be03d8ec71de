import { roles } from '../domain/codes'
import paths from '../paths'
import { navigationFor } from './navigation'

const LONDON = 'Europe/London'

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: LONDON,
})
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: LONDON,
})

/** "4 June 2025" for a calendar date string or an instant. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return ''
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number)
    return dateFormat.format(new Date(Date.UTC(y, m - 1, d, 12)))
  }
  return dateFormat.format(new Date(value))
}

/** GOV.UK style times: "9:30am", "midday", "midnight". */
export function formatTime(value: Date | string): string {
  const formatted = timeFormat.format(new Date(value)).replace(/\s/g, '').toLowerCase()
  if (formatted === '12:00pm') return 'midday'
  if (formatted === '12:00am') return 'midnight'
  return formatted.replace(':00', '')
}

export function formatDateTime(value: Date | string | null | undefined): string {
  return value ? `${formatDate(value)} at ${formatTime(value)}` : ''
}

/**
 * EJS includes inherit every local of the page, so a component option a caller leaves out can be
 * filled by an unrelated page variable of the same name. `opts` names them all explicitly.
 */
const BLANK_OPTIONS = Object.freeze(
  Object.fromEntries(
    [
      'id',
      'name',
      'label',
      'hint',
      'errorMessage',
      'classes',
      'value',
      'values',
      'items',
      'fieldset',
      'rows',
      'attributes',
      'describedBy',
      'formGroup',
      'idPrefix',
      'namePrefix',
      'type',
      'prefix',
      'suffix',
      'spellcheck',
      'autocomplete',
      'disabled',
      'inputmode',
      'text',
      'html',
      'href',
      'head',
      'caption',
      'card',
      'titleText',
      'errorList',
    ].map(key => [key, undefined]),
  ),
)
export const opts = (options: Record<string, unknown>) => ({ ...BLANK_OPTIONS, ...options })

export const viewHelpers = {
  opts,
  paths,
  formatDate,
  formatTime,
  formatDateTime,
  roleLabel: (code: string) => roles.label(code),
  navigationFor,
  roleCodes: roles.codes,
}
