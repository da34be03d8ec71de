/**
 * Logs a recurring condition (the database is away) once per interval instead of once per
 * request or per pooled connection: the first occurrence is logged at once, later ones are
 * counted and the count goes with the next line.
 */
export function rateLimitedLog(
  intervalMs: number,
  write: (suppressed: number) => void,
  now: () => number = Date.now,
): () => void {
  let last = -Infinity
  let suppressed = 0
  return () => {
    const time = now()
    if (time - last < intervalMs) {
      suppressed += 1
      return
    }
    last = time
    write(suppressed)
    suppressed = 0
  }
}
