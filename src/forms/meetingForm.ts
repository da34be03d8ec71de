import type { Meeting } from '../db/models'
import { meetingThemes, type MeetingTheme } from '../domain/codes'
import { dateInputValues, readDateInput, yearsFromToday } from '../utils/dateInput'
import { parseTimeOfDay } from '../domain/timeOfDay'
import type { MeetingValues } from '../services/meetings/meetingService'
import { addError, FormErrors, noErrors, text } from '../utils/formErrors'

export type MeetingRaw = Record<string, string>

const FIELDS = [
  'meeting_date-day',
  'meeting_date-month',
  'meeting_date-year',
  'start_time',
  'online',
  'location',
  'theme',
  'notes',
]

export const blankMeetingForm = (): MeetingRaw => ({
  ...Object.fromEntries(FIELDS.map(f => [f, ''])),
  theme: 'general',
})

/** The form as the meeting now stands, to edit it. */
export function rawFromMeeting(meeting: Meeting): MeetingRaw {
  return {
    ...dateInputValues('meeting_date', meeting.meetingDate),
    start_time: String(meeting.startTime).slice(0, 5),
    online: meeting.online ? 'yes' : 'no',
    location: meeting.location ?? '',
    theme: meeting.theme,
    notes: meeting.notes ?? '',
  }
}

/** Reads the meeting form: what was typed (to show again), the values, and GOV.UK errors. */
export function readMeetingForm(body: unknown): { raw: MeetingRaw; values: MeetingValues; errors: FormErrors } {
  const raw = Object.fromEntries(FIELDS.map(f => [f, text(body, f, f === 'notes' ? 10_000 : 500)]))
  const errors = noErrors()
  // Meetings are recorded from two years back (late minutes) to five years ahead (a year's schedule and more).
  const date = readDateInput(body, 'meeting_date', 'date of the meeting', {
    earliest: yearsFromToday(-2),
    latest: yearsFromToday(5),
  })
  const meetingDate = date.value ?? ''
  if (date.error) addError(errors, 'meeting_date', date.error.text, date.error.href)
  else if (!date.value) addError(errors, 'meeting_date', 'Enter the date of the meeting', '#meeting_date-day')
  const startTime = parseTimeOfDay(raw.start_time)
  if (!raw.start_time) addError(errors, 'start_time', 'Enter the start time')
  else if (!startTime) addError(errors, 'start_time', 'Enter the start time in the 24-hour clock, like 14:30')
  if (raw.online !== 'yes' && raw.online !== 'no') addError(errors, 'online', 'Select whether the meeting is online')
  if (raw.online === 'no' && !raw.location) addError(errors, 'location', 'Enter where the meeting will be held')
  if (raw.location.length > 200) addError(errors, 'location', 'Place must be 200 characters or fewer')
  if (!meetingThemes.has(raw.theme)) addError(errors, 'theme', 'Select the theme of the meeting')
  if (raw.notes.length > 2000) addError(errors, 'notes', 'Notes must be 2,000 characters or fewer')
  return {
    raw,
    errors,
    values: {
      meetingDate,
      startTime: startTime ?? '',
      online: raw.online === 'yes',
      location: raw.location || null,
      theme: (meetingThemes.has(raw.theme) ? raw.theme : 'general') as MeetingTheme,
      notes: raw.notes || null,
    },
  }
}
