/** Parses a 24-hour time, 'HH:MM' (a single-digit hour and a '.' separator are accepted), to 'HH:MM'. */
export function parseTimeOfDay(input: string): string | null {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(input.trim())
  return match ? `${match[1].padStart(2, '0')}:${match[2]}` : null
}
