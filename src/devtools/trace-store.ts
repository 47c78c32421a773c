import type { EmitTrace } from '../core'

/** What the panel shows: an immutable snapshot, replaced at most once per frame. */
export interface TraceSnapshot {
  /** The kept traces, oldest first (in the order their emits finished). */
  readonly traces: readonly EmitTrace[]
  readonly paused: boolean
  /** How many events were not kept because recording was paused. */
  readonly skipped: number
}

export interface TraceStore {
  add(trace: EmitTrace): void
  /** When the emit of a kept trace started, as a `Date.now()` reading. */
  startedAt(trace: EmitTrace): number
  setPaused(paused: boolean): void
  clear(): void
  subscribe(listener: () => void): () => void
  getSnapshot(): TraceSnapshot
}

const nextFrame = (callback: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback)
  else setTimeout(callback, 16)
}

/**
 * Keeps the latest `capacity` traces, dropping the oldest. Traces that arrive between two frames are
 * published together, so an emit storm costs one re-render per frame, not one per event.
 */
export function createTraceStore(capacity: number): TraceStore {
  let snapshot: TraceSnapshot = { traces: [], paused: false, skipped: 0 }
  // The traces waiting for the next frame, at most `capacity` of them: a ring whose oldest entry,
  // once full, is at `oldest`. Browsers pause frames in background tabs while emits go on, and
  // the older ones would be dropped at the next frame anyway.
  let incoming: EmitTrace[] = []
  let oldest = 0
  let skipped = 0
  let scheduled = false
  // Wall-clock start times, taken as traces arrive, right after their dispatch finished: a
  // trace's `time` reads the core's clock, whose origin the panel then need not know
  // (`performance.timeOrigin` is missing where `performance` is, as in bare Hermes).
  const started = new WeakMap<EmitTrace, number>()
  const listeners = new Set<() => void>()

  function publish(next: TraceSnapshot): void {
    snapshot = next
    listeners.forEach((listener) => listener())
  }

  function flush(): void {
    scheduled = false
    if (incoming.length === 0 && skipped === snapshot.skipped) return
    const traces = [...snapshot.traces, ...incoming.slice(oldest), ...incoming.slice(0, oldest)]
    incoming = []
    oldest = 0
    publish({ ...snapshot, traces: traces.length > capacity ? traces.slice(-capacity) : traces, skipped })
  }

  return {
    add(trace) {
      if (snapshot.paused) skipped++
      else {
        started.set(trace, Date.now() - trace.duration)
        if (incoming.length < capacity) incoming.push(trace)
        else {
          incoming[oldest] = trace
          oldest = (oldest + 1) % capacity
        }
      }
      if (!scheduled) {
        scheduled = true
        nextFrame(flush)
      }
    },
    setPaused(paused) {
      flush()
      // Each pause counts its own skipped events.
      if (paused) skipped = 0
      publish({ ...snapshot, paused, skipped })
    },
    clear() {
      incoming = []
      oldest = 0
      skipped = 0
      publish({ ...snapshot, traces: [], skipped: 0 })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    startedAt: (trace) => started.get(trace)!,
  }
}
