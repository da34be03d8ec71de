/** When a release was published, as people read it: `2 May 2017, 09:30` in London time. */
const format = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

export const formatDateTimeLondon = (date: Date | string): string => format.format(new Date(date))
