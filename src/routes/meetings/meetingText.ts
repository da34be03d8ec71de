import type { Meeting } from '../../db/models'
import { meetingThemes } from '../../domain/codes'
import { formatGovukDate } from '../../domain/dates'

/** GOV.UK style for a time of day: "9:30am", "2pm", "midday". */
export function timeText(time: string): string {
  const [h, m] = String(time).split(':').map(Number)
  if (!Number.isInteger(h) || !Number.isInteger(m)) return String(time)
  if (h === 12 && m === 0) return 'midday'
  if (h === 0 && m === 0) return 'midnight'
  const hour = h % 12 === 0 ? 12 : h % 12
  return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`
}

export interface MeetingText {
  title: string
  date: string
  time: string
  place: string
  theme: string
}

/** How a meeting reads on every page: "Panel meeting, 4 June 2025", at 2pm, online or where. */
export function describeMeeting(meeting: Meeting): MeetingText {
  const date = formatGovukDate(meeting.meetingDate)
  const place = meeting.location ? `${meeting.location}${meeting.online ? ', and online' : ''}` : 'Online'
  return {
    title: `Panel meeting, ${date}`,
    date,
    time: timeText(meeting.startTime),
    place,
    theme: meetingThemes.label(meeting.theme),
  }
}

/** Where the meeting stands in its lifecycle, in words, or null while it is simply scheduled. */
export function meetingStatusText(meeting: Meeting): { tag: string; colour: string; text: string } | null {
  if (meeting.status === 'held') {
    return { tag: 'Held', colour: 'green', text: 'The meeting has been marked as held.' }
  }
  if (meeting.status === 'cancelled') {
    return {
      tag: 'Cancelled',
      colour: 'grey',
      text: `Cancelled: ${meeting.cancellationReason ?? 'no reason recorded'}`,
    }
  }
  if (meeting.postponedFrom) {
    return {
      tag: 'Postponed',
      colour: 'yellow',
      text: `Postponed from ${formatGovukDate(meeting.postponedFrom)}: ${meeting.postponementReason ?? ''}`,
    }
  }
  return null
}
