/** A timestamp as a 24-hour wall-clock time, e.g. "14:03:05". */
export function formatTime(timestamp: number): string {
  return new Date(timestamp).toLocaleTimeString('en-GB')
}
