import type { JarEvent } from '../db/models'
import { agencies, jarEventKinds, type Agency, type JarEventKind } from '../domain/codes'
import { ATTENDEE_ROLE_MAX, JAR_EVENT_NOTE_MAX, WITH_ATTENDEES } from '../domain/jarEvents'
import type { JarEventInput } from '../services/jarEventService'
import { dateInputValues, readDateInput } from '../utils/dateInput'
import { addError, FormErrors, list, noErrors, text } from '../utils/formErrors'

/** The form as typed: `attendees` are agency codes, each with its role in `attendee_role_<agency>`. */
export interface RawJarEvent {
  kind: string
  dateParts: Record<string, string>
  note: string
  attendees: string[]
  roles: Record<string, string>
}

export function rawFromJarEvent(event: JarEvent | null): RawJarEvent {
  return {
    kind: event?.kind ?? '',
    dateParts: dateInputValues('event_date', event?.eventDate),
    note: event?.note ?? '',
    attendees: event?.attendees.map(a => a.agency) ?? [],
    roles: Object.fromEntries((event?.attendees ?? []).map(a => [a.agency, a.role ?? ''])),
  }
}

/** Reads the event form, in the order of the page; anything forged (unknown codes, huge text) is an error. */
export function readJarEventForm(body: unknown): { raw: RawJarEvent; input: JarEventInput | null; errors: FormErrors } {
  const errors = noErrors()
  const date = readDateInput(body, 'event_date', 'the date of the event', { required: true })
  const attendees = [...new Set(list(body, 'attendees'))].slice(0, agencies.codes.length + 1)
  const raw: RawJarEvent = {
    kind: text(body, 'kind', 50),
    dateParts: date.raw,
    note: text(body, 'note', JAR_EVENT_NOTE_MAX * 2),
    attendees,
    roles: Object.fromEntries(
      attendees
        .filter(code => agencies.has(code))
        .map(code => [code, text(body, `attendee_role_${code}`, ATTENDEE_ROLE_MAX * 2)]),
    ),
  }
  if (!jarEventKinds.has(raw.kind)) addError(errors, 'kind', 'Select what happened')
  if (date.error) addError(errors, 'event_date', date.error.text, date.error.href)
  if (raw.attendees.some(code => !agencies.has(code))) addError(errors, 'attendees', 'Select agencies from the list')
  else if (raw.attendees.length && jarEventKinds.has(raw.kind) && !WITH_ATTENDEES.includes(raw.kind))
    addError(
      errors,
      'attendees',
      'Attendees are recorded for strategy discussions and the joint agency response meeting only: clear them, or choose one of those',
    )
  for (const code of raw.attendees.filter(c => agencies.has(c)))
    if (raw.roles[code].length > ATTENDEE_ROLE_MAX)
      addError(
        errors,
        `attendee_role_${code}`,
        `Role for ${agencies.label(code)} must be ${ATTENDEE_ROLE_MAX} characters or fewer`,
      )
  if (raw.note.length > JAR_EVENT_NOTE_MAX)
    addError(errors, 'note', `Note must be ${JAR_EVENT_NOTE_MAX.toLocaleString('en-GB')} characters or fewer`)
  if (errors.errorSummary.length || !date.value) return { raw, input: null, errors }
  return {
    raw,
    errors,
    input: {
      kind: raw.kind as JarEventKind,
      eventDate: date.value,
      note: raw.note || null,
      // In the list's order, however the browser sent them.
      attendees: agencies.codes
        .filter(code => raw.attendees.includes(code))
        .map(code => ({ agency: code as Agency, role: raw.roles[code] || null })),
    },
  }
}
