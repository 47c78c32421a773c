// How the panel writes counts, durations and times.

export { plural } from '../core/trace-tree'

/**
 * A duration for people: browsers round `performance.now()` to 0.1 ms or coarser (to hinder
 * timing attacks), so finer digits would only be noise.
 */
export function formatDuration(ms: number): string {
  return ms < 0.1 ? '< 0.1 ms' : `${ms.toFixed(1)} ms`
}

/** A `Date.now()` reading as local wall-clock time, HH:MM:SS.mmm. */
export function clockTime(time: number): string {
  const date = new Date(time)
  const pad = (value: number, length = 2) => String(value).padStart(length, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}
