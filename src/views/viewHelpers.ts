import { roles } from '../domain/codes'
import { formatDate } from '../domain/dates'
import paths from '../paths'
import { navigationFor } from './navigation'

/** Dates have one home, domain/dates; the views' helpers hand it on. */
export { formatDate }

const LONDON = 'Europe/London'

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: LONDON,
})

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
