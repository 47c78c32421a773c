import type { AppBus, Severity } from './events'

export interface MonitorOptions {
  /** Time between two checks, in milliseconds. Default 5000. */
  intervalMs?: number | undefined
}

export interface Monitor {
  /** Starts checking every `intervalMs`; does nothing while already running. */
  start(): void
  /** Stops checking; does nothing while stopped. */
  stop(): void
  isRunning(): boolean
  readonly intervalMs: number
}

// A canned series of CPU load readings, so that the demo, and its e2e test, are predictable.
const LOAD_READINGS = [38, 52, 74, 61, 95, 47]

function severityOf(load: number): Severity {
  if (load >= 90) return 'critical'
  if (load >= 70) return 'warning'
  return 'info'
}

/**
 * A system monitor written in plain TypeScript, outside React: a timer that reads the CPU load
 * and emits one `system:alert` per check into the bus it is given.
 */
export function createMonitor(bus: AppBus, { intervalMs = 5000 }: MonitorOptions = {}): Monitor {
  let timer: ReturnType<typeof setInterval> | undefined
  let checks = 0

  function check(): void {
    const load = LOAD_READINGS[checks % LOAD_READINGS.length]!
    checks++
    bus.emit('system:alert', {
      severity: severityOf(load),
      message: `Monitor: CPU load at ${load}% on api-1`,
    })
  }

  return {
    intervalMs,
    start() {
      timer ??= setInterval(check, intervalMs)
    },
    stop() {
      clearInterval(timer)
      timer = undefined
    },
    isRunning: () => timer !== undefined,
  }
}
